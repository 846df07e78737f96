/**
 * What the pipeline fills in on a ledger row from the category table, when the file leaves it empty
 * (DOMAIN.md "Routing to departments"; "Deadlines depend on the category"):
 * - the department: the category's default department (the routing table is data: categories.csv
 *   `default_department`, so an office re-routes by editing it);
 * - the deadline: the category's time limit, counted from registration (立案) — or from the report
 *   while unregistered — in wall-clock hours or in working hours/days on the office calendar.
 * A deadline or department the office wrote is kept as written.
 */
import type { Category, ProblemRecord } from '../../../src/contract';
import { deadlineFor, type WorkingCalendar } from '../../../src/analysis/ledger/working-calendar';

export interface Completion {
  computedDeadlines: number;
  routedDepartments: number;
}

export function emptyCompletion(): Completion {
  return { computedDeadlines: 0, routedDepartments: 0 };
}

/**
 * Fills `problem` in place. Validation reads deadline as null and department_code as '' when the
 * cells are empty; both are set here before anything else looks at the record.
 */
export function completeProblem(problem: ProblemRecord, category: Category, calendar: WorkingCalendar, completion: Completion): void {
  if (problem.department_code === '') {
    problem.department_code = category.default_department;
    completion.routedDepartments++;
  }
  if ((problem.deadline as number | null) === null) {
    const start = problem.registered_at ?? problem.dispatched_at ?? problem.reported_at;
    problem.deadline = deadlineFor(calendar, category, start);
    completion.computedDeadlines++;
  }
}
