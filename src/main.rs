//! In the browser: mounts the app. On the command line: builds, checks and exports
//! scorecards (`scorecard-explorer --help`; the commands are in `cli`).

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(target_arch = "wasm32")]
fn main() {
    scorecard_explorer::web::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::run(std::env::args_os().skip(1).collect())
}

/// The system's allocator, except that memory it cannot give ends the command line with
/// one line on standard error and exit status 1, as any other failure does, instead of
/// Rust's abort (a core dump, and a signal a script cannot tell from a crash).
#[cfg(not(target_arch = "wasm32"))]
struct ExitWhenOutOfMemory;

#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: ExitWhenOutOfMemory = ExitWhenOutOfMemory;

#[cfg(not(target_arch = "wasm32"))]
unsafe impl std::alloc::GlobalAlloc for ExitWhenOutOfMemory {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        given(unsafe { std::alloc::System.alloc(layout) }, layout.size())
    }
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        given(unsafe { std::alloc::System.alloc_zeroed(layout) }, layout.size())
    }
    unsafe fn realloc(&self, p: *mut u8, layout: std::alloc::Layout, size: usize) -> *mut u8 {
        given(unsafe { std::alloc::System.realloc(p, layout, size) }, size)
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: std::alloc::Layout) {
        unsafe { std::alloc::System.dealloc(p, layout) }
    }
}

/// `p`, unless the system gave none: then the line and exit 1. Writing it allocates
/// nothing (standard error is unbuffered, and an integer formats on the stack).
#[cfg(not(target_arch = "wasm32"))]
fn given(p: *mut u8, size: usize) -> *mut u8 {
    if p.is_null() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "scorecard-explorer: out of memory: the system refused {size} bytes more; these files need more memory than this machine gives"
        );
        std::process::exit(1);
    }
    p
}
