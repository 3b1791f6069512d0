//! The publish page (`?view=publish`), for a performance officer who has never seen it:
//! its own heading, the five steps from the template to a published bundle, the template
//! to download, and the file chooser that checks and converts a workbook in the browser.

use leptos::prelude::*;

use super::local_file::LocalFile;
use crate::explore::query::{Query, View};
use crate::web::page::{use_page, Page};

/// The template workbook, written beside the app by the build (`scorecard-explorer
/// template`, scripts/setup.sh): the same file the command line's `template` writes.
pub const TEMPLATE: &str = "scorecard-template.xlsx";

/// The publish page's own masthead, in place of the board's: the page is about the
/// reader's scorecard, not the one being shown, so it names neither that board nor its
/// period, and leads back to it.
#[component]
pub fn PublishMasthead() -> impl IntoView {
    let page = use_page();
    let back = move || Page::href(&Query { view: View::Items, item: None, ..page.query.get() });
    let board = page.bundle.with_value(|b| b.board.name.clone());
    view! {
        <header class="masthead masthead-publish">
            <div class="masthead-inner">
                <p class="masthead-area">"Scorecard Explorer · For performance teams"</p>
                <h1 id="publish-heading" class="publish-title">"Publish your own scorecard"</h1>
                <p class="masthead-back"><a href=back data-view="items">"← Back to the "<bdi>{board}</bdi>" scorecard"</a></p>
            </div>
        </header>
    }
}

/// The steps and the file chooser, under [`PublishMasthead`].
#[component]
pub fn Publish() -> impl IntoView {
    let template = format!("{}{TEMPLATE}", crate::web::host::app_base());
    view! {
        <section class="publish" aria-labelledby="publish-heading">
            <p>"Turn your board's scorecard workbook into a file this explorer shows, in five steps. Everything happens in this browser: nothing is uploaded."</p>
            <ol class="publish-steps">
                <li>
                    <strong>"Download the template. "</strong>
                    <a href=template download=TEMPLATE class="button secondary">"Download the scorecard template (Excel)"</a>
                    " Its first sheet says what each sheet and column holds."
                </li>
                <li><strong>"Fill it in "</strong>"in Excel: one row per edition, workstream, item, assessment and figure. Write dates as 2024-03-31 or use date cells, and save it as .xlsx."</li>
                <li>
                    <strong>"Download the Fingertips exports "</strong>
                    "for the items that name a Fingertips indicator (their fingertips_id): on "
                    <a href=crate::fingertips::SITE rel="noopener noreferrer">"OHID's Fingertips"</a>
                    ", open the indicator and download its data as CSV."
                </li>
                <li><strong>"Choose your workbook and the exports together "</strong>"below, or drop them on this page. Every problem is listed by its cell; fix them in Excel and choose the files again."</li>
                <li><strong>"Download the bundle "</strong>"(\u{201c}Download bundle (JSON)\u{201d} above the preview) and give it to your web team to publish in the explorer's bundles folder."</li>
            </ol>
            <LocalFile heading="Choose your files"/>
        </section>
    }
}
