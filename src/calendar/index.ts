export * from './civilDate';
export * from './london';
export * from './bankHolidays';
export * from './workingDays';
export * from './rules';
export * from './calendarWindow';
