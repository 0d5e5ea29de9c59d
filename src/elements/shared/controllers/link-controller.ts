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
}

/** What a member took from a message; nothing taken means nothing changed. */
export type LinkTaken = Pick<GdLinkChangeDetail, 'values' | 'optimizers'> | undefined;

interface LinkMember {
  applyLinked(values: LinkedValues): LinkTaken;
}

const groups = new Map<string, Set<LinkMember & HTMLElement>>();

/**
 * Elements with the same `link` attribute value share hyperparameters with no page
 * script. A change to a shared property, by the user or by page script, is sent to the
 * other members, which take it as plain property sets and fire `gd-link-change`. The
 * update a taken value causes is not sent back (`take` remembers it), and a member that
 * already has a value ignores it, so linked elements never ping-pong.
 */
export class LinkController implements ReactiveController {
  private group?: string;
  /** Values taken from the group, by property, until the update they cause has run. */
  private readonly taken = new Map<string, unknown>();

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & LinkMember & { link?: string | null }) {
    host.addController(this);
  }

  hostConnected(): void {
    this.join();
  }

  hostUpdated(): void {
    this.taken.clear();
    if ((this.host.link || undefined) !== this.group) this.join();
  }

  hostDisconnected(): void {
    this.leave();
  }

  /** Notes a value the host took from the group, so the update it causes is not sent back. */
  take(property: string, value: unknown): void {
    this.taken.set(property, value);
  }

  /** Whether the host's current `value` of `property` is one it took from the group. */
  isEcho(property: string, value: unknown): boolean {
    return this.taken.has(property) && this.taken.get(property) === value;
  }

  /** Sends a change to every other member of the group; those that take it say so with `gd-link-change`. */
  share(values: LinkedValues): void {
    const group = this.group;
    if (!group) return;
    for (const member of [...(groups.get(group) ?? [])]) {
      if (member === this.host) continue;
      const taken = member.applyLinked(values);
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
