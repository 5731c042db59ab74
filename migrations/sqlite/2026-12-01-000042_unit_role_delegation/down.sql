DROP TABLE unit_role_delegation;
