CREATE INDEX applications_year_path ON applications (year, employer_path);
DROP INDEX applications_year_list;
