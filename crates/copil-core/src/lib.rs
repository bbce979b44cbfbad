//! Copil core: the domain of a contrat de ville's digital-inclusion pillar,
//! the contract file (SQLite) and every figure the screens and the report show.
