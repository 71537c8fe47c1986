// Node (CLI): `tcp-states explain STATE`: the full reference entry of one state, in any spelling.
import { normalizeStateName } from '../core/parse/stateNames';
import { stateReference } from '../core/tcp/stateReference';
import { TCP_STATES, type Lang } from '../core/tcp/types';
import { UsageError, type CliArgs } from './cliArgs';
import { paint, type CliContext } from './cliOutput';

const HEADINGS: Record<
  'meaning' | 'side' | 'next' | 'duration' | 'many' | 'knobs' | 'notes' | 'default' | 'caution',
  Record<Lang, string>
> = {
  meaning: { en: 'Meaning', zh: '含义' },
  side: { en: 'Who holds it', zh: '哪一端' },
  next: { en: 'Next', zh: '下一步' },
  duration: { en: 'How long', zh: '持续多久' },
  many: { en: 'When there are many', zh: '数量很多时' },
  knobs: { en: 'Knobs', zh: '相关参数' },
  notes: { en: 'Notes', zh: '说明' },
  default: { en: 'default', zh: '默认' },
  caution: { en: 'Caution', zh: '注意' },
};

/** Indents every line of a paragraph. */
function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => (l.length > 0 ? pad + l : l))
    .join('\n');
}

export function explainCommand(args: CliArgs, ctx: CliContext): Promise<number> {
  const raw = args.operands.join(' ').trim();
  if (raw === '') throw new UsageError('explain needs a STATE, e.g. tcp-states explain TIME_WAIT', 'explain');
  const state = normalizeStateName(raw);
  if (state === undefined) {
    throw new UsageError(
      `unknown state '${raw}'. Known states: ${TCP_STATES.join(', ')} ` +
        '(any spelling works: TIME-WAIT, time_wait, 06, ESTAB, SYN_RCVD, LISTENING, VERBUNDEN…)',
      'explain',
    );
  }
  const ref = stateReference(state);
  const lang = ctx.lang;
  const h = (k: keyof typeof HEADINGS): string => paint(ctx.color, 'bold', `${HEADINGS[k][lang]}:`);
  const out = ctx.out;
  out.line(
    `${paint(ctx.color, 'bold', state)}${raw.toUpperCase() !== state ? ` (${raw})` : ''}: ${ref.short[lang]}`,
  );
  for (const k of ['meaning', 'side', 'next', 'duration', 'many'] as const)
    out.line(`\n${h(k)}\n${indent(ref[k][lang], '  ')}`);
  if (ref.knobs.length > 0) {
    out.line(`\n${h('knobs')}`);
    for (const knob of ref.knobs) {
      const def = knob.default !== undefined ? ` (${HEADINGS.default[lang]} ${knob.default})` : '';
      out.line(`  ${paint(ctx.color, 'cyan', knob.name)}${def}`);
      out.line(indent(knob.effect[lang], '    '));
      if (knob.caution !== undefined)
        out.line(indent(`${HEADINGS.caution[lang]}: ${knob.caution[lang]}`, '    '));
    }
  }
  if (ref.notes !== undefined) out.line(`\n${h('notes')}\n${indent(ref.notes[lang], '  ')}`);
  return Promise.resolve(0);
}
