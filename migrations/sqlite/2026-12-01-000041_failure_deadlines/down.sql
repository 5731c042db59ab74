DROP TABLE publicity_deadlines;
