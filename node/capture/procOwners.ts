// Node (shared by the extension host and the CLI): socket inode → owning processes, from /proc/PID/fd links.
import { readdir, readFile, readlink } from 'node:fs/promises';
import type { ProcessRef } from '../../core/parse/types';

const SOCKET_LINK = /^socket:\[(\d+)\]$/;

async function ownersOf(procRoot: string, pid: number, into: Map<number, ProcessRef[]>): Promise<void> {
  const dir = `${procRoot}/${pid}/fd`;
  let fds: string[];
  try {
    fds = await readdir(dir);
  } catch {
    return; // gone, or another user's process: no owner rather than a failed poll
  }
  let name: string | undefined;
  for (const fd of fds) {
    let target: string;
    try {
      target = await readlink(`${dir}/${fd}`);
    } catch {
      continue;
    }
    const m = SOCKET_LINK.exec(target);
    if (m === null) continue;
    if (name === undefined) {
      // comm is what ss -p prints too (at most 15 bytes, the thread-group leader's name).
      name = await readFile(`${procRoot}/${pid}/comm`, 'utf8').then(
        (s) => s.replace(/\n$/, ''),
        () => '',
      );
    }
    const inode = Number(m[1]);
    const list = into.get(inode);
    const ref: ProcessRef = { name, pid, fd: Number(fd) };
    if (list === undefined) into.set(inode, [ref]);
    else list.push(ref);
  }
}

/** Every socket inode some visible process holds open, with its holders (pid order, then fd order). */
export async function procOwners(procRoot = '/proc'): Promise<Map<number, ProcessRef[]>> {
  const pids = (await readdir(procRoot)).filter((n) => /^\d+$/.test(n)).map(Number);
  pids.sort((a, b) => a - b);
  const out = new Map<number, ProcessRef[]>();
  // Eight processes at a time: bounded open handles, and the event loop stays free between them.
  for (let i = 0; i < pids.length; i += 8) {
    await Promise.all(pids.slice(i, i + 8).map((pid) => ownersOf(procRoot, pid, out)));
  }
  return out;
}
