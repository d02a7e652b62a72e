import { z } from 'zod';
import { readYamlFile, validate } from './yaml-file.js';

const endUsesSchema = z.strictObject({ tags: z.record(z.string().regex(/^[a-z_]+$/), z.array(z.string().min(2)).min(1)) });

export function loadEndUseTags(path: string): Record<string, string[]> {
  return validate(readYamlFile(path), endUsesSchema).tags;
}
