import { expressionInterpreter } from 'vega-interpreter';
import { Handler } from 'vega-tooltip';
import type { TooltipHandler } from 'vega';

type Item = { datum?: unknown; tooltip?: unknown };
type Encoder = (item: Item, params: unknown) => number;
type Interpreter = typeof expressionInterpreter;
type EncodeSpec = { marktype: string; channels: Record<string, unknown> };

/** A mark's tooltip expression with the signal values it was encoded with, evaluated for one item when shown. */
export class LazyTooltip {
  constructor(private readonly encoder: Encoder, private readonly params: unknown) {}

  valueFor(item: Item): unknown {
    const scratch: Item = { datum: item.datum };
    this.encoder(scratch, this.params);
    return scratch.tooltip;
  }

  isFor(encoder: Encoder, params: unknown): boolean {
    return this.encoder === encoder && this.params === params;
  }
}

const plain = (expressionInterpreter.encode as (ctx: unknown, encode: EncodeSpec) => Encoder).bind(expressionInterpreter);

/**
 * Vega's expression interpreter (charts render without `new Function`, under the page's CSP), except that a mark's
 * tooltip is not worked out for every item as it is drawn but for the one item hovered. A tooltip formats a dozen
 * values through the interpreter: for a weekly retention triangle of 5,000 cells that was most of the drawing time.
 */
export const lazyTooltips: Interpreter = {
  ...expressionInterpreter,
  encode(ctx: unknown, encode: EncodeSpec): Encoder {
    const { tooltip, ...others } = encode.channels;
    if (!tooltip) return plain(ctx, encode);
    const draw = plain(ctx, { ...encode, channels: others });
    // A rule takes no spatial adjustment: the scratch item gets the tooltip channel alone.
    const tip = plain(ctx, { marktype: 'rule', channels: { tooltip } });
    let shared: LazyTooltip | null = null;
    return (item, params) => {
      const changed = draw(item, params);
      if (!shared?.isFor(tip, params)) shared = new LazyTooltip(tip, params);
      if (item.tooltip === shared) return changed;
      item.tooltip = shared;
      return 1;
    };
  },
} as Interpreter;

let handler: Handler | null = null;

/** vega-embed's tooltip (vega-tooltip), given the hovered item's tooltip worked out from `lazyTooltips`. */
export const showTooltip: TooltipHandler = function (this: unknown, view, event, item, value) {
  handler ??= new Handler();
  handler.call(view, event, item, value instanceof LazyTooltip ? value.valueFor(item as Item) : value);
};
