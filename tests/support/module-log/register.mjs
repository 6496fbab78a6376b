// `node --import <this file>`: records every module the process resolves (one URL a line) in $EVALGATE_MODULE_LOG.
import { register } from "node:module";

register("./hooks.mjs", import.meta.url, { data: { file: process.env.EVALGATE_MODULE_LOG } });
