DROP TABLE mfa_recovery_codes;
DROP TABLE account_mfa;
