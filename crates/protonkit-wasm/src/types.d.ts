/** A bundle: bundle-relative path -> text, or the bytes of a `.zip` / `.tar.gz`. */
export type Files = Record<string, string> | Uint8Array;

/** 1-based line, 1-based UTF-16 column, 0-based UTF-16 offset from the start of the file. */
export interface Position { line: number; column: number; offset: number }
export interface Range { file: string; start: Position; end: Position }
export interface Label { range?: Range; path: string; message: string }

export interface Diagnostic {
  /** Stable rule code, e.g. `P220`. */
  code: string;
  /** Rule name, e.g. `input-not-in-enum`. */
  rule: string;
  severity: "error" | "warning" | "info";
  message: string;
  help?: string;
  primary: Label;
  secondary: Label[];
  /** The rule's documentation. */
  url: string;
}

export interface ErrorResult { error: string }
export interface LintResult { kind: "environment" | "service" | "component" | "unknown"; diagnostics: Diagnostic[] }
export interface ValidateResult { diagnostics: Diagnostic[] }

export interface RenderOptions {
  /** Render only this service instance (and not the pipeline). */
  instance?: string;
  /** Give outputs that templates read a `<Name>-value` placeholder (default true). */
  placeholderOutputs?: boolean;
  environmentName?: string;
  serviceName?: string;
  /** `environment.outputs`. */
  outputs?: Record<string, unknown>;
}
export interface OutputFile { path: string; text: string; template?: string }
export interface RenderResult { files: OutputFile[]; diagnostics: Diagnostic[] }

export interface DiffOptions { policy?: "contract" | "proton" }
export interface Change {
  id: string;
  level: "patch" | "minor" | "major";
  message: string;
  base?: Range;
  revision?: Range;
}
export interface DiffResult { verdict: "none" | "patch" | "minor" | "major"; changes: Change[] }

export interface SkeletonOptions { instance?: string; environment?: string }
export interface SkeletonResult { text: string }
export interface SchemaResult { schema: Record<string, unknown> }

export interface Completion {
  label: string;
  kind: "input" | "key" | "value";
  detail?: string;
  documentation?: string;
  insertText: string;
}
/** `from`/`to`: the UTF-16 range of the word the completion replaces. */
export interface CompletionResult { from: number; to: number; items: Completion[] }
export interface HoverResult { from: number; to: number; contents: string }
