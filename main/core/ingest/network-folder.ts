/**
 * Folders whose change notifications cannot be trusted (tailing.md §11): UNC paths and, where the
 * file system type can be read (Linux, macOS), network and FUSE file systems. Mapped network drives
 * on Windows look local: `--poll` forces polling for them.
 */
import { statfs } from 'node:fs/promises';

const NETWORK_FILE_SYSTEMS = new Set([
  0x6969, // NFS
  0x517b, // SMB
  0xff534d42, // CIFS
  0xfe534d42, // SMB2
  0x01021997, // 9P (WSL and VM shares)
  0x65735546, // FUSE (sshfs and the like)
  0x73757245, // Coda
  0x5346414f, // AFS
]);

export function isUncPath(path: string): boolean {
  return /^(\\\\|\/\/)[^\\/]+[\\/][^\\/]+/.test(path);
}

export async function isNetworkFolder(folder: string): Promise<boolean> {
  if (isUncPath(folder)) return true;
  try {
    const { type } = await statfs(folder);
    return NETWORK_FILE_SYSTEMS.has(type >>> 0);
  } catch {
    return false;
  }
}
