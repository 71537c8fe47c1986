// Pure (runs anywhere): log text made safe for a terminal. A process name or a pasted line may hold escape
// sequences (`ESC ] 0 ; title BEL` sets the window title, `ESC [ 2J` clears the screen); human-readable
// output shows every control character visibly instead, as GNU ls does with its escape quoting style.

// C0 controls except TAB and LF (the output's own line breaks: a log line never holds one), DEL, and the C1
// controls U+0080–U+009F (a lone 0x9B is CSI on some terminals).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function escaped(c: string): string {
  const code = c.charCodeAt(0);
  if (code === 0x0d) return '\\r';
  return `\\x${code.toString(16).padStart(2, '0')}`;
}

/** `text` with each control character but tab and LF written as `\xHH` (`\r` for a carriage return). */
export function terminalSafe(text: string): string {
  return HAS_CONTROL.test(text) ? text.replace(CONTROL, escaped) : text;
}
