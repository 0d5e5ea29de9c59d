import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { gdEvent, type GdLinkChangeDetail } from '../events.js';

/**
 * Hyperparameters that elements in one link group share. Optimizer settings belong to
 * one update rule: a learning rate tuned for Adam means nothing to plain gradient
 * descent, so every message names its rule and members take it only for that rule.
 */
export interface LinkedValues {
  /** The update rule (`sgd`, `adam`, …) the values belong to. */
  type: string;
  learningRate?: number;
  decay?: number;
  /** Momentum's β (members that have no β setting leave it). */
  beta?: number;
  /** Points per update (a line fit's mini-batch; members without one leave it). */
  batchSize?: number;
  /** The sender switched to the rule `type` (a line fit's optimizer choice). */
  chosen?: boolean;
  /**
   * Each value's number in the page's order of changes (`optimizer` for `chosen`): a
   * member takes a value only when it is newer than the one it holds.
   */
  stamps?: Partial<Record<LinkedProperty, number>>;
}

/** The properties a message's values set, by the names the members' properties have. */
export type LinkedProperty = 'optimizer' | 'learningRate' | 'decay' | 'beta' | 'batchSize';

/** What a member took from a message; nothing taken means nothing changed. */
export type LinkTaken = Pick<GdLinkChangeDetail, 'values' | 'optimizers'> | undefined;

interface LinkMember {
  applyLinked(values: LinkedValues): LinkTaken;
}

const groups = new Map<string, Set<LinkMember & HTMLElement>>();

/**
 * The page's order of changes: every change of a shared property made on a member (by
 * its reader or by page script) takes the next number when it is set, and a message
 * carries the number of each value it sends. lit applies a set at the element's next
 * update, and elements update in the order their first change came, not their last, so
 * only these numbers tell which value was set last.
 */
let clock = 0;
/** Above 0 while a member applies a message: the sets it makes are not changes of its own. */
let applying = 0;

/** The next number of the page's order of changes. */
export function nextLinkStamp(): number {
  return ++clock;
}

/**
 * One member's (or one race optimizer's) numbers: for each shared property, the number of
 * the value it holds (set here or taken from the group) and of a change of its own not yet
 * sent. A message's value is taken only when its number is newer than the value held, so a
 * storm of changes ends, on every member, on the one set last, and a member never takes
 * back a value older than its own.
 */
export class LinkStamps {
  private readonly held = new Map<string, number>();
  private readonly pending = new Map<string, number>();

  /** A change of `name` made here (not while a message is applied): numbered now, sent at the next update. */
  local(name: string): void {
    if (applying) return;
    const stamp = nextLinkStamp();
    this.held.set(name, stamp);
    this.pending.set(name, stamp);
  }

  /** Whether a message's value of `name` numbered `stamp` is newer than the value held. */
  newer(name: string, stamp: number | undefined): boolean {
    return stamp !== undefined && stamp > (this.held.get(name) ?? 0);
  }

  /** The value of `name` numbered `stamp` is now held (taken, or already equal); an older change of its own is not sent. */
  took(name: string, stamp: number): void {
    this.held.set(name, stamp);
    this.pending.delete(name);
  }

  /** The changes made here and not yet sent, by property; forgotten once read. */
  flush(): Map<string, number> {
    const pending = new Map(this.pending);
    this.pending.clear();
    return pending;
  }
}

/**
 * Elements with the same `link` attribute value share hyperparameters with no page
 * script. A change to a shared property, by the user or by page script, is sent to the
 * other members with its number in the page's order of changes (`LinkStamps`); they take
 * it as plain property sets, only when it is newer than what they hold, and fire
 * `gd-link-change`. The sets a message causes are not changes of the member's own, so
 * they are not sent back, and a member that already has a value takes nothing: linked
 * elements never ping-pong, and the value set last is the one every member ends on.
 */
export class LinkController implements ReactiveController {
  private group?: string;
  /** The numbers of the host's own shared properties. */
  readonly stamps = new LinkStamps();

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & LinkMember & { link?: string | null }) {
    host.addController(this);
  }

  hostConnected(): void {
    this.join();
  }

  hostUpdated(): void {
    if ((this.host.link || undefined) !== this.group) this.join();
  }

  hostDisconnected(): void {
    this.leave();
  }

  /**
   * Sends a change to every other member of the group; those that take it say so with
   * `gd-link-change`. A value without a number (a sweep's picked cell, sent as it is
   * picked) is numbered now.
   */
  share(values: LinkedValues): void {
    const group = this.group;
    if (!group) return;
    const stamps = { ...values.stamps };
    for (const key of ['learningRate', 'decay', 'beta', 'batchSize'] as const)
      if (values[key] !== undefined) stamps[key] ??= nextLinkStamp();
    if (values.chosen) stamps.optimizer ??= nextLinkStamp();
    const message = { ...values, stamps };
    for (const member of [...(groups.get(group) ?? [])]) {
      if (member === this.host) continue;
      let taken: LinkTaken;
      applying++;
      try {
        taken = member.applyLinked(message);
      } finally {
        applying--;
      }
      if (taken && Object.keys(taken.values).length)
        member.dispatchEvent(gdEvent('gd-link-change', { link: group, type: values.type, ...taken }));
    }
  }

  private join(): void {
    this.leave();
    this.group = this.host.link || undefined;
    if (!this.group) return;
    if (!groups.has(this.group)) groups.set(this.group, new Set());
    groups.get(this.group)!.add(this.host);
  }

  private leave(): void {
    if (!this.group) return;
    const members = groups.get(this.group);
    members?.delete(this.host);
    if (members && members.size === 0) groups.delete(this.group);
    this.group = undefined;
  }
}
