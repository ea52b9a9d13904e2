"""The interactive conversation: a prompt with history, streamed answers, slash commands.

Enter sends; Esc then Enter (or Alt+Enter) starts a new line, and pasted text keeps its lines.
The arrow keys walk through what you typed before (kept in a private file next to the
database). A failed turn — a timeout, a rate limit, a rejected key — is reported and the
conversation stays open; Ctrl-C stops the answer being written and keeps what arrived,
marked cut off; Ctrl-D or /exit leaves.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape

from careercoach.errors import CareerCoachError

if TYPE_CHECKING:
    from careercoach.commands.common import Env
    from careercoach.services.chat import ChatSession

HELP = """\
/help              this list
/context           what the coach knows about you (as the model sees it)
/analysis ID       discuss this gap analysis (see `careercoach analyses list`)
/model NAME        talk to another model from now on (a LiteLLM name)
/save [FILE]       write this conversation to a Markdown file
/new               start a new conversation
/exit              leave (Ctrl-D too)
Enter sends; Esc then Enter adds a new line. Every turn is saved as it happens."""


class Conversation:
    """The loop: read a line, run a slash command or send it, show the answer."""

    def __init__(self, env: Env, session: ChatSession) -> None:
        self.env = env
        self.session = session
        self.done = False
        self.commands: dict[str, Callable[[str], None]] = {
            "/help": lambda _: self.say(HELP),
            "/context": self.show_context,
            "/analysis": self.choose_analysis,
            "/model": self.switch_model,
            "/save": self.save,
            "/new": self.new,
            "/exit": self.leave,
            "/quit": self.leave,
        }

    def say(self, text: str, style: str = "dim") -> None:
        self.env.out.print(text, markup=False, highlight=False, style=style)

    def error(self, problem: CareerCoachError) -> None:
        self.env.out.print(f"[red]Error:[/] {escape(problem.message)}", highlight=False)
        if problem.hint:
            self.env.out.print(f"[dim]Hint: {escape(problem.hint)}[/]", highlight=False)

    def welcome(self) -> None:
        from careercoach.ui.chat_view import print_turn

        self.env.out.print(
            f"[bold]careercoach chat[/] with [cyan]{escape(self.session.model)}[/]. "
            "Enter sends, Esc then Enter adds a line, /help lists commands, /exit leaves."
        )
        history = self.session.history()
        if history:
            self.say(
                f"Continuing: {self.session.conversation.title}"  # type: ignore[union-attr]
                f" ({len(history)} messages so far; the last ones below)."
            )
            for message in history[-4:]:
                print_turn(self.env, message.role, message.content, complete=message.complete)

    def handle(self, line: str) -> None:
        text = line.strip()
        if not text:
            return
        if text.startswith("/"):
            name, _, argument = text.partition(" ")
            command = self.commands.get(name.lower())
            if command is None:
                self.say(f"Unknown command {name}; /help lists them.", style="yellow")
                return
            try:
                command(argument.strip())
            except CareerCoachError as problem:
                self.error(problem)
            return
        self.send(line)

    def send(self, text: str) -> None:
        from careercoach.ui.stream import AnswerStream

        stream = AnswerStream(self.env.out)
        try:
            with stream:
                reply = self.session.send(text, on_text=stream.write)
        except KeyboardInterrupt:
            self.say("(stopped; what arrived is saved, marked cut off)", style="yellow")
            return
        except CareerCoachError as problem:
            self.error(problem)
            self.say("Your message is saved; send it again, or /model to try another model.")
            return
        if reply.condensed_turns:
            self.say(
                f"({reply.condensed_turns} older messages were condensed to fit the model's "
                "context window)"
            )

    def show_context(self, _: str) -> None:
        from rich.panel import Panel

        from careercoach.ui.console import sanitize

        context = self.session.context_for_model()
        self.env.out.print(
            Panel(
                escape(sanitize(context)),
                title="What the coach knows (contact details replaced, as the model sees it)",
            )
        )

    def choose_analysis(self, argument: str) -> None:
        try:
            analysis_id = int(argument)
        except ValueError:
            self.say(
                "Give the analysis id: /analysis 12 (see `careercoach analyses list`).",
                style="yellow",
            )
            return
        self.session.choose_analysis(analysis_id)
        self.say(f"Now discussing gap analysis #{analysis_id}.", style="green")

    def switch_model(self, argument: str) -> None:
        if not argument:
            self.say(f"Talking to {self.session.model}. Switch with /model NAME.")
            return
        self.session.switch_model(argument)
        self.say(f"Now talking to {self.session.model}.", style="green")

    def save(self, argument: str) -> None:
        from careercoach.services.chat import transcript_markdown

        conversation = self.session.conversation
        if conversation is None or conversation.id is None:
            self.say("Nothing said yet; nothing to save.")
            return
        path = Path(argument or f"careercoach-chat-{conversation.id}.md").expanduser()
        try:
            path.write_text(transcript_markdown(self.session.store, conversation.id), "utf-8")
        except OSError as exc:
            self.say(f"Could not write {path}: {exc.strerror or exc}", style="red")
            return
        self.say(f"Saved to {path} (every turn is also kept in the database).", style="green")

    def new(self, _: str) -> None:
        self.session.new_conversation()
        self.say("New conversation: your next message starts it.", style="green")

    def leave(self, _: str) -> None:
        self.done = True


def _history_file() -> Path:
    """The private file of typed lines (the data directory is 0700; the file 0600)."""
    from careercoach import paths

    directory = paths.data_dir()
    paths.ensure_private_dir(directory)
    path = directory / "chat_history"
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    return path


def run_conversation(env: Env, session: ChatSession) -> None:
    """Talk until /exit or Ctrl-D."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()

    @bindings.add("escape", "enter")
    def _newline(event) -> None:  # type: ignore[no-untyped-def]
        event.current_buffer.insert_text("\n")

    prompt = PromptSession(history=FileHistory(str(_history_file())), key_bindings=bindings)
    loop = Conversation(env, session)
    loop.welcome()
    while not loop.done:
        try:
            line = prompt.prompt("you › ", multiline=False)
        except KeyboardInterrupt:  # Ctrl-C at the prompt clears the line, as in a shell
            continue
        except EOFError:
            break
        loop.handle(line)
    env.out.print("Bye. `careercoach chat --continue` picks this up again.", style="dim")
