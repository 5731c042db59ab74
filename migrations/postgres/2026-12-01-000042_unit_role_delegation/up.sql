-- Point 8 (manual §5.5): the unit roles the security administrator lets HRSS unit
-- administrators give to the units below them. A role absent here is the security
-- administrator's alone.
CREATE TABLE unit_role_delegation (
    role_id BIGINT PRIMARY KEY NOT NULL REFERENCES unit_roles (id)
);
