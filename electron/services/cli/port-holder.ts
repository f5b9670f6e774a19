/**
 * Says who holds a TCP port when a server cannot listen (EADDRINUSE), so a second start
 * tells the user which process to stop or which option to change instead of a bare error
 * code. On Linux the holder is found through /proc (own processes only, no privileges);
 * elsewhere the message still says how to pick another port.
 */
import fs from 'node:fs';

/** The listening socket inodes of `port` from /proc/net/tcp{,6}. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== '0A') continue; // 0A = LISTEN
      const localPort = parseInt(cols[1].split(':')[1] ?? '', 16);
      if (localPort === port) inodes.add(cols[9]);
    }
  }
  return inodes;
}

/** The pid and command line of the process listening on `port`, when it can be seen. */
export function findPortHolder(port: number): { pid: number; command: string } | null {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return null;
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m && inodes.has(m[1])) {
        let command = '';
        try {
          command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
        } catch {
          // Unreadable: the pid alone.
        }
        return { pid: Number(pid), command };
      }
    }
  }
  return null;
}

/** The one-line explanation for a port that is taken. */
export function portInUseMessage(host: string, port: number): string {
  const holder = findPortHolder(port);
  const who = holder
    ? `process ${holder.pid}${holder.command ? ` (${holder.command.length > 120 ? `${holder.command.slice(0, 117)}…` : holder.command})` : ''}`
    : 'another program';
  return `Port ${port} on ${host} is already in use by ${who}. Stop it, or start with --port N to pick another port (--port 0 takes any free one).`;
}

/** True for the error a server gets when its port is taken. */
export function isAddressInUse(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'EADDRINUSE';
}
