//! The public site, no login: `public.publicity` 公示查询 (with the report form).
//! `public.certificates` 证书核验 has its path reserved in the route table, no page yet.

pub mod publicity;
