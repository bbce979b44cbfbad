//! Helpers shared by the acceptance tests.

pub mod desktop;
pub mod webdriver;
