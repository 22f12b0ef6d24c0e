//! District work on top of `extends`: what a child changed from its parent
//! (`kehoach trace`, `kehoach explain`) and scaffolding a child plan (`kehoach new --from`).

pub mod adopt;
pub mod explain;
pub mod renames;
pub mod scaffold;
pub mod trace;
