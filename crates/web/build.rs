// Fluent files are read at compile time by `static_loader!`; rebuild when they change.
fn main() {
    println!("cargo:rerun-if-changed=../../locales");
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=static");
}
