import { z } from "zod";

export const TrackingConfigSchema = z.strictObject({
  mlflow: z
    .strictObject({
      /** http(s)://host:port, "databricks" or "databricks://<profile>"; MLFLOW_TRACKING_URI wins when set. */
      tracking_uri: z.string().optional(),
      experiment: z.string().min(1),
    })
    .optional(),
});
export type TrackingConfig = z.infer<typeof TrackingConfigSchema>;
