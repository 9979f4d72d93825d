import { cpus, availableParallelism } from "node:os";
import type { Row } from "./scenarios";
import { describeTarget, meets, round } from "./stats";

export type Machine = { cores: number; cpu: string; node: string };
export type RunInfo = { date: string; commit: string; database: string; server: string; seconds: number };

export function thisMachine(): Machine {
  return { cores: availableParallelism(), cpu: cpus()[0]?.model.trim() ?? "unknown", node: process.version };
}

/** Whether every check of a row met its target. */
export function passed(row: Row): boolean {
  return row.checks.every((check) => meets(check.value, check.target));
}

/** The results as a Markdown table: each row's values, targets and whether they were met. */
export function resultsTable(rows: Row[]): string {
  const lines = ["| id | what | result | target | met | measured |", "|---|---|---|---|---|---|"];
  for (const row of rows) {
    const result = row.checks.map((check) => `${round(check.value)}${check.unit}`).join("; ");
    const target = row.checks.map((check) => describeTarget(check.target, check.unit)).join("; ");
    const met = row.checks.map((check) => (meets(check.value, check.target) ? "yes" : "**no**")).join("; ");
    lines.push(`| ${row.id} | ${row.what} | ${result} | ${target} | ${met} | ${row.details} |`);
  }
  return lines.join("\n");
}

export function resultsDocument(rows: Row[], machine: Machine, run: RunInfo): string {
  const missed = rows.filter((row) => !passed(row)).map((row) => row.id);
  return [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/run.ts); README.md explains each line. Every result is a",
    "ratio of two numbers measured in this same run, or a bound on one measured number.",
    "",
    `- date: ${run.date}`,
    `- machine: ${machine.cores} cores, ${machine.cpu}, Node ${machine.node}`,
    `- commit: ${run.commit}`,
    `- database: ${run.database}`,
    `- server: ${run.server}`,
    `- the run took ${Math.round(run.seconds)} s`,
    "",
    resultsTable(rows),
    "",
    missed.length === 0 ? "Every target was met." : `Targets missed: ${missed.join(", ")}.`,
    "",
  ].join("\n");
}
