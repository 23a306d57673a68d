/**
 * Builds dependencies for one file: turns offsets into spans (through {@link LineIndex}) and gives
 * each dependency its stable id from its kind, service and construct text — never from its
 * position, so ids (and the fingerprints of findings on them) survive line shifts.
 */
import { DependencyIdFactory } from '../ids';
import type { Dependency, DependencyKind, RegionSource, Span } from '../model';
import { LineIndex } from '../positions';

export type DependencyDraft = Omit<Dependency, 'id' | 'provider' | 'file' | keyof Span | 'region' | 'regionSource'> & {
  kind: DependencyKind;
  service: string;
  region?: string | null;
  regionSource?: RegionSource;
};

export class DependencyBuilder {
  readonly lines: LineIndex;
  private readonly ids: DependencyIdFactory;
  readonly dependencies: Dependency[] = [];

  constructor(readonly file: string, readonly text: string) {
    this.lines = new LineIndex(text);
    this.ids = new DependencyIdFactory(file);
  }

  /** Adds a dependency anchored at [start, end) of the file's text; `constructText` defaults to that slice. */
  add(draft: DependencyDraft, start: number, end: number, constructText?: string): Dependency {
    return this.addAtSpan(draft, this.lines.span(start, end), constructText ?? this.text.slice(start, end));
  }

  /** Adds a dependency at a span the caller computed (parsers that report line/column). */
  addAtSpan(draft: DependencyDraft, span: Span, constructText: string): Dependency {
    const dep: Dependency = {
      id: this.ids.next(draft.kind, draft.service, constructText),
      provider: 'aws',
      file: this.file,
      ...span,
      ...draft,
      region: draft.region ?? null,
      regionSource: draft.regionSource ?? 'unresolved',
    };
    this.dependencies.push(dep);
    return dep;
  }
}
