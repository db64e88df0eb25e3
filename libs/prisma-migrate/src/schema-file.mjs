// The service's schema.prisma, read with an error that names the path when it is missing.
import { readFile } from 'node:fs/promises';

export async function readSchema(path) {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') throw new Error(`no Prisma schema at ${path}`, { cause: error });
    throw error;
  }
}
