"""The `fedqa` CLI. `--json` outputs are a contract (docs/architecture.md): add, never rename."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from assistant.gate import check_ids
from index_store.errors import FedqaError
from index_store.settings import FedqaSettings

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1


def _settings(ctx: click.Context) -> FedqaSettings:
    return ctx.obj


def error_object(message: str, arguments: dict[str, Any]) -> dict[str, Any]:
    """What `--json` prints for an error: `ask`'s answer object with the error (as for a bad line
    of a batch), or `{"error"}` for the other commands."""
    if "question" in arguments:
        question = arguments["question"] or ""
        return {"question": question, "answered": False, "text": message, "citations": []} | {
            "error": message
        }
    return {"error": message}


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Print one sentence for any error and exit non-zero; the traceback goes to the log."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ui.errors import user_message

        settings = click.get_current_context().obj
        try:
            return command(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:  # the reader (e.g. `head`) went away: nothing left to say
            sys.stderr.close()
            sys.exit(0)
        except Exception as exc:
            message = user_message(exc, settings.data_dir)
            if kwargs.get("as_json"):  # a script reads standard output: give it JSON there too
                click.echo(json.dumps(error_object(message, kwargs), ensure_ascii=False))
            click.echo(f"Error: {message}", err=True)
            code = EXIT_USER_ERROR if isinstance(exc, FedqaError) else EXIT_INTERNAL_ERROR
            sys.exit(code)

    return wrapper


@click.group()
@click.pass_context
def cli(ctx: click.Context) -> None:
    """fedqa: cited answers from the federation's materials."""
    from pydantic import ValidationError

    from ui.errors import setup_logging

    try:
        ctx.obj = FedqaSettings()
    except ValidationError as exc:
        problems = "; ".join(
            f"FEDQA_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()
        )
        raise click.ClickException(f"Invalid setting: {problems}") from None
    setup_logging(ctx.obj.data_dir, max_mb=ctx.obj.log_max_mb)


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary as the last line.")
@click.pass_context
@reports_errors
def ingest(ctx: click.Context, path: Path, as_json: bool) -> None:
    """Sync the store with the documents in PATH (added, changed, removed files)."""
    from ingest.sync import sync_folder
    from ui.progress import ingest_progress

    with ingest_progress(enabled=not as_json and sys.stderr.isatty()) as progress:
        report = sync_folder(path, _settings(ctx), progress=progress)
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False))
        return
    rows = [
        ("added", report.added),
        ("updated", report.updated),
        ("removed", report.removed),
        ("unchanged", report.unchanged),
        ("skipped", len(report.skipped)),
        ("warnings", len(report.warnings)),
        ("chunks embedded", report.chunks),
        ("seconds", f"{report.seconds:.1f}"),
        ("documents in store", report.documents),
        ("chunks in store", report.total_chunks),
    ]
    for label, value in rows:
        click.echo(f"{label:<20}{value:>10}")
    for skipped in report.skipped:
        click.echo(f"  skipped {skipped.source}: {skipped.reason}")
    for warning in report.warnings:
        click.echo(f"  warning {warning.source}: {warning.reason}")


def _filters(doc_type: str | None, lang: str | None, since: str | None, until: str | None):
    from assistant.retrieval import Filters

    return Filters.parse(doc_type=doc_type, language=lang, since=since, until=until)


@cli.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per answer.")
@click.option(
    "--type",
    "doc_type",
    type=click.Choice(["seminar_report", "address_summary", "law_guidance", "other"]),
)
@click.option(
    "--lang", type=click.Choice(["en", "ru", "kk"]), help="Only documents in this language."
)
@click.option("--since", help="Only documents dated on or after this day (YYYY-MM-DD).")
@click.option("--until", help="Only documents dated on or before this day (YYYY-MM-DD).")
@click.option(
    "--conversation",
    is_flag=True,
    help="Standard input is a conversation: each line continues it (a follow-up is answered "
    "as a standalone question, given as `standalone`); an empty line starts a new one.",
)
@click.pass_context
@reports_errors
def ask(
    ctx: click.Context,
    question: str | None,
    as_json: bool,
    doc_type: str | None,
    lang: str | None,
    since: str | None,
    until: str | None,
    conversation: bool,
) -> None:
    """Answer QUESTION, or one question per line of standard input."""
    from assistant.conversation import Conversation
    from assistant.service import Assistant, check_question
    from ui.render import answer_as_text

    filters = _filters(doc_type, lang, since, until)
    if question is not None and conversation:
        raise click.UsageError("--conversation reads the questions from standard input.")
    if question is None and sys.stdin.isatty():
        raise click.UsageError("Give a question, or pipe questions to it one per line.")
    settings = _settings(ctx)
    if question is not None:
        question = check_question(question, settings.max_question_chars)  # before the model
        assistant = Assistant(settings)
        answer = assistant.ask(question, filters)
        click.echo(
            json.dumps(answer.as_json(), ensure_ascii=False) if as_json else answer_as_text(answer)
        )
        return
    assistant = Assistant(settings)
    talk = Conversation() if conversation else None
    for line in sys.stdin:
        line = line.rstrip("\n")
        if talk is not None and not line.strip():
            talk.clear()  # an empty line starts a new conversation
            continue
        try:
            answer = assistant.ask(line, filters, talk)
        except FedqaError as exc:  # one bad line must not stop the batch
            if as_json:
                payload = error_object(str(exc), {"question": line})
                if talk is not None:
                    payload["standalone"] = line
                click.echo(json.dumps(payload, ensure_ascii=False))
            else:
                click.echo(f"{line}\n  {exc}\n")
            continue
        if as_json:
            click.echo(json.dumps(answer.as_json(), ensure_ascii=False))
        else:
            click.echo(f"Q: {answer.question}\n{answer_as_text(answer)}\n")


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@reports_errors
def status(ctx: click.Context, as_json: bool) -> None:
    """How many documents and chunks the store holds (read from Chroma itself), and where."""
    from index_store.store import Store, StoreError

    settings = _settings(ctx)
    data = {
        "documents": 0,
        "chunks": 0,
        "data_dir": str(settings.data_dir.resolve()),
        "store": "server" if settings.chroma_url else "embedded",
        "location": settings.chroma_url or str(settings.chroma_dir.resolve()),
        "reachable": True,
        "llm": settings.llm_url,
    }
    try:
        store = Store(settings, create=False)
        data["documents"], data["chunks"] = len(store.documents()), store.count()
    except StoreError as exc:
        if "ingest" not in str(exc):  # "nothing ingested yet" is a state, not a failure
            data["reachable"], data["error"] = False, str(exc)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
    else:
        click.echo(
            f"{data['documents']} documents, {data['chunks']} chunks; "
            f"{data['store']} store at {data['location']}"
        )
        if "error" in data:
            click.echo(f"Error: {data['error']}", err=True)
    if not data["reachable"]:
        sys.exit(EXIT_USER_ERROR)


@cli.command()
@click.option("--port", type=int, default=None, help="Default 7860, or GRADIO_SERVER_PORT.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.pass_context
@reports_errors
def serve(ctx: click.Context, port: int | None, host: str) -> None:
    """Start the web chat."""
    from ui.web import serve as serve_web

    serve_web(_settings(ctx), host=host, port=port)


EXIT_BELOW_FLOOR = 3


@cli.command("hash-password")
def hash_password_command() -> None:
    """Ask for the administrator's password and print FEDQA_ADMIN_PASSWORD_HASH for it.

    The hash (scrypt) is what the server keeps in its environment, so that a leak of the
    environment does not give the password away.
    """
    from ui.admin import hash_password

    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 8:
        raise click.ClickException("Use a password of at least 8 characters.")
    click.echo(f"FEDQA_ADMIN_PASSWORD_HASH='{hash_password(password)}'")


@cli.command("eval")
@click.option(
    "--set",
    "set_files",
    multiple=True,
    type=click.Path(path_type=Path, exists=True),
    help="A golden set (JSONL); default: every set in eval/sets/.",
)
@click.option("--json", "as_json", is_flag=True, help="Print all metrics as one JSON line.")
@click.option(
    "--report",
    "report_dir",
    type=click.Path(path_type=Path),
    help="Write report.md and PNG plots into this folder.",
)
@click.option(
    "--floors",
    "floors_file",
    type=click.Path(path_type=Path, exists=True),
    help="Floors file; default: eval/floors.toml.",
)
@click.option(
    "--from-feedback",
    is_flag=True,
    help="Print candidate golden items (JSONL) made from the web chat's feedback.",
)
@click.option(
    "--disable-check",
    "disabled_checks",
    multiple=True,
    type=click.Choice(check_ids()),
    help="Switch one check of the evidence gate off (repeatable), to measure what it costs.",
)
@click.option(
    "--written-standalones",
    is_flag=True,
    help="On a conversation set, also ask each follow-up afresh as its writer made it "
    "standalone: what a perfect rewrite would get, beside what the rewriter got.",
)
@click.pass_context
@reports_errors
def evaluate_command(
    ctx: click.Context,
    set_files: tuple[Path, ...],
    as_json: bool,
    report_dir: Path | None,
    floors_file: Path | None,
    from_feedback: bool,
    disabled_checks: tuple[str, ...],
    written_standalones: bool,
) -> None:
    """Measure retrieval and answers on golden sets; exit 3 when a metric breaks its floor."""
    settings = _settings(ctx)
    if disabled_checks:
        ids = [*settings.disabled_check_ids, *disabled_checks]
        settings = settings.model_copy(update={"disabled_checks": ",".join(ids)})
    if from_feedback:
        from assistant.feedback import read_feedback
        from eval.candidates import candidates_from_feedback

        for item in candidates_from_feedback(read_feedback(settings)):
            click.echo(json.dumps(item, ensure_ascii=False))
        return
    from eval.evaluate import evaluate
    from eval.floors import FLOORS_FILE
    from eval.report import tables, write_report

    evaluation = evaluate(
        list(set_files), settings, floors_file or FLOORS_FILE, written_standalones
    )
    metrics = [result.metrics() for result in evaluation.results]
    if as_json:
        breaches = [str(b) for b in evaluation.breaches]
        click.echo(json.dumps({"sets": metrics, "breaches": breaches}, ensure_ascii=False))
    else:
        for item in metrics:
            click.echo(tables(item) + "\n")
        for breach in evaluation.breaches:
            click.echo(f"BELOW FLOOR: {breach}")
        if not evaluation.limits:
            click.echo(f"No floors in {evaluation.floors_file} apply to these sets.")
        elif not evaluation.breaches:
            click.echo(f"All {evaluation.limits} floors in {evaluation.floors_file} are met.")
    if report_dir is not None:
        command = "fedqa eval" + "".join(f" --set {p}" for p in set_files)
        if written_standalones:
            command += " --written-standalones"
        command += f" --report {report_dir}"
        path = write_report(
            evaluation.results, report_dir, command, evaluation.breaches, evaluation.floors_file
        )
        click.echo(f"Report written to {path}", err=as_json)
    if evaluation.breaches:
        sys.exit(EXIT_BELOW_FLOOR)


def main() -> None:
    cli(prog_name="fedqa")


if __name__ == "__main__":
    main()
