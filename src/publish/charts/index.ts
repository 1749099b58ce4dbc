/** Accessible SVG charts over the record, each with the table of its numbers (see svg.ts). */
export { chartFigure, type Chart } from './svg.ts';
export { meetingsPerMonth, meetingsPerMonthChart, type MonthCounts } from './meetings-per-month.ts';
export { decisionsByKind, decisionsByKindChart, type YearCounts } from './decisions-by-kind.ts';
export { vetoesPerDecade, vetoesPerDecadeChart, type DecadeVetoes } from './vetoes-per-decade.ts';
export { memberPattern, memberPatternChart, type MemberYear } from './member-pattern.ts';
export {
  agreementMatrix,
  coverageNote,
  coverageWarning,
  agreementMatrixChart,
  type AgreementData,
  type AgreementCell,
} from './agreement-matrix.ts';
