/**
 * Where a CPU profile's time went (`node --cpu-prof` output), by function and
 * by area: an npm package, a folder of evalgate's dist/, Node's own fetch
 * (undici), each of Node's modules, native calls (writev, fdatasync, …) and
 * the garbage collector. Idle time is left out.
 */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface TimeShare {
  name: string;
  ms: number;
  /** Of the profile's busy (not idle) time. */
  share: number;
}

export interface ProfileSummary {
  busyMs: number;
  areas: TimeShare[];
  functions: TimeShare[];
}

export function summarizeProfile(profile: CpuProfile, top = 12): ProfileSummary {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    // A sample's delta is the time since the previous one: charged to the function on top.
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = frames.get(id);
    if (!frame || frame.functionName === "(idle)") return;
    busy += ms;
    const area = areaOf(frame.url, frame.functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
    const name = frame.url === "" ? frame.functionName : `${frame.functionName || "(anonymous)"} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  });
  const ranked = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: busy > 0 ? ms / busy : 0 }));
  return { busyMs: Math.round(busy), areas: ranked(byArea, top), functions: ranked(byFunction, top) };
}

export function areaOf(url: string, functionName: string): string {
  if (url === "") return functionName === "(garbage collector)" ? "garbage collector" : functionName || "(native)";
  if (url.startsWith("node:internal/deps/undici")) return "node fetch (undici)";
  // Node's own modules one by one: event_target, streams, fs, … each tells a different story.
  if (url.startsWith("node:")) return url;
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const [scope, name] = url.slice(modules + "/node_modules/".length).split("/");
    return scope?.startsWith("@") ? `${scope}/${name}` : (scope ?? "node_modules");
  }
  const dist = /\/dist\/([^/]+)\//.exec(url);
  if (dist) return `evalgate ${dist[1]}/`;
  return shortUrl(url);
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) return url.slice(modules + "/node_modules/".length);
  const dist = url.indexOf("/dist/");
  if (dist >= 0) return url.slice(dist + 1);
  return url.replace(/^file:\/\//, "");
}
