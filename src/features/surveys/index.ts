export type { SurveyResponseTable } from './survey.table.js';
export { surveyPageRoutes, surveyRoutes } from './surveys.route.js';
export { registerSurveysCommand } from './surveys.command.js';
