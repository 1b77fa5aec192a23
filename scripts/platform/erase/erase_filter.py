"""The history rewrite of `buurt erase` (scripts/platform/erase/erase.ts), run with git-filter-repo's library.

erase.ts decides everything with the same patterns it later verifies with, and passes it in a JSON file:
the paths to drop, the replacement blob of every version of the buurt's text files that named the person, the
new message of every commit and annotated tag that named them, and the addresses whose identity is replaced.
This module only applies that in one `git filter-repo` pass over every ref, so no text matching is done twice.

    python3 erase_filter.py --check        prints where git-filter-repo is, exits 3 when it is missing
    python3 erase_filter.py <config.json>  rewrites the repository in the current folder
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import shutil
import sys
from types import ModuleType
from typing import Any, TypedDict

# Exit code that erase.ts reads as "git-filter-repo is not installed".
MISSING = 3


class Identity(TypedDict):
    name: str
    email: str


class Config(TypedDict):
    # Repository-relative files and folders to remove from every commit.
    paths: list[str]
    # Blob id of a version of a buurt text file -> blob id of its erased version (written by erase.ts).
    blobs: dict[str, str]
    # Only files under this prefix get their replacement blob ("sites/<slug>/").
    prefix: str
    # Original commit id -> new message; original tag object id -> new message.
    commitMessages: dict[str, str]
    tagMessages: dict[str, str]
    # Lower-case addresses whose author, committer or tagger identity becomes `identity`.
    emails: list[str]
    identity: Identity


def load_filter_repo() -> ModuleType | None:
    """git-filter-repo as a library: the module pip and Debian install, else the single-file executable on PATH."""
    try:
        import git_filter_repo  # type: ignore[import-not-found]

        return git_filter_repo  # type: ignore[no-any-return]
    except ImportError:
        pass
    executable = shutil.which("git-filter-repo")
    if executable is None:
        return None
    try:
        loader = importlib.machinery.SourceFileLoader("git_filter_repo", executable)
        spec = importlib.util.spec_from_loader("git_filter_repo", loader)
        if spec is None:
            return None
        module = importlib.util.module_from_spec(spec)
        loader.exec_module(module)
    except (OSError, SyntaxError, ImportError):
        return None
    return module if hasattr(module, "RepoFilter") else None


def rewrite(fr: ModuleType, config: Config) -> None:
    """Runs the filter over every ref of the repository in the current folder."""
    blobs = {old.encode(): new.encode() for old, new in config["blobs"].items()}
    prefix = config["prefix"].encode()
    commit_messages = {sha.encode(): text.encode() for sha, text in config["commitMessages"].items()}
    tag_messages = {sha.encode(): text.encode() for sha, text in config["tagMessages"].items()}
    emails = {email.encode() for email in config["emails"]}
    name = config["identity"]["name"].encode()
    email = config["identity"]["email"].encode()

    def on_commit(commit: Any, _metadata: Any) -> None:
        for change in commit.file_changes:
            if change.type == b"M" and change.filename.startswith(prefix) and change.blob_id in blobs:
                change.blob_id = blobs[change.blob_id]
        if commit.original_id in commit_messages:
            commit.message = commit_messages[commit.original_id]
        if commit.author_email.lower() in emails:
            commit.author_name, commit.author_email = name, email
        if commit.committer_email.lower() in emails:
            commit.committer_name, commit.committer_email = name, email

    def on_tag(tag: Any, _metadata: Any) -> None:
        if tag.original_id in tag_messages:
            tag.message = tag_messages[tag.original_id]
        if tag.tagger_email is not None and tag.tagger_email.lower() in emails:
            tag.tagger_name, tag.tagger_email = name, email

    # --partial: keep the origin remote and remote-tracking refs where they are (the maintainer pushes the
    # result), and leave reflogs and garbage collection to erase.ts. No replace refs: nothing may point at the
    # old commits. Blobs are not streamed (no blob callback), so file changes carry real blob ids.
    arguments = ["--force", "--partial", "--quiet", "--replace-refs", "delete-no-add", "--prune-empty", "auto"]
    if config["paths"]:
        arguments.append("--invert-paths")
        for path in config["paths"]:
            arguments.extend(["--path", path])
    options = fr.FilteringOptions.parse_args(arguments)
    fr.RepoFilter(options, commit_callback=on_commit, tag_callback=on_tag).run()


def main(argv: list[str]) -> int:
    fr = load_filter_repo()
    if fr is None:
        print("git-filter-repo is not installed (no Python module git_filter_repo, no git-filter-repo on PATH).", file=sys.stderr)
        return MISSING
    if argv == ["--check"]:
        print(getattr(fr, "__file__", "git_filter_repo"))
        return 0
    if len(argv) != 1:
        print("usage: erase_filter.py --check | erase_filter.py <config.json>", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as file:
        config: Config = json.load(file)
    rewrite(fr, config)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
