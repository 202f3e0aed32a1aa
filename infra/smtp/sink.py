"""Local SMTP sink for tests: accepts every message and stores it in a mail directory.

Each message becomes <epoch-ns>-<random>.eml (the raw message as received) plus a sidecar
<epoch-ns>-<random>.json with the envelope ({"mail_from": ..., "rcpt_tos": [...], ...}).
Both are written under a temporary dot-name and renamed into place, the .json first, so a
reader that sees an .eml never sees a partial file and always finds its .json.

With --mailbox-dir DIR, a domain can have mailboxes, so tests can verify recipients by SMTP callout:
if DIR/<domain>.tempfail exists, every recipient of <domain> gets 450; else if DIR/<domain> exists,
only the addresses it lists (one a line, any case; blank lines and # comments ignored) are accepted,
others get 550. A domain without a file accepts every recipient. The files are read on each RCPT,
so a test can change them while the sink runs.

To play a real relay for a client's tests (all optional; without them the sink speaks plain SMTP to anyone):
--tls-cert/--tls-key offer STARTTLS with that certificate (PEM); --require-tls refuses MAIL before it.
--auth-user with --auth-password-file (the password is read from a file, never from the command line)
requires AUTH PLAIN or LOGIN before MAIL, over TLS when TLS is offered; a wrong password gets 535.
--auth-mechanisms LOGIN offers only that one (default PLAIN,LOGIN).
PIPELINING (RFC 2920) is offered unless --no-pipelining.
The .json sidecar then also says "tls" (whether the session was encrypted) and "auth_user".

Run with Debian's interpreter (python3-aiosmtpd):
    /usr/bin/python3 sink.py --host 127.0.0.1 --port 2525 --maildir DIR [--mailbox-dir DIR]
        [--tls-cert PEM --tls-key PEM [--require-tls]] [--auth-user USER --auth-password-file FILE]
"""
import argparse
import asyncio
import json
import os
import re
import secrets
import signal
import ssl
import sys
import time

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def write_atomic(directory, name, data):
    # Readers list *.json and *.eml: the half-written file has neither ending, and is renamed only when complete.
    tmp = os.path.join(directory, f".{name}.part")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.rename(tmp, os.path.join(directory, name))


def store_mail(directory, base, meta, content):
    write_atomic(directory, base + ".json", meta)
    write_atomic(directory, base + ".eml", content)


# A domain that can name a file: no path separators, no "..", nothing hidden.
DOMAIN_FILE_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$")


def read_mailboxes(path):
    """The addresses listed in a mailbox file, lowercased; None when there is no file."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = [line.strip() for line in f]
    except FileNotFoundError:
        return None
    return {line.lower() for line in lines if line and not line.startswith("#")}


def rcpt_verdict(mailbox_dir, address):
    """None to accept the recipient, else the SMTP reply that refuses it."""
    domain = address.rpartition("@")[2].lower()
    if not mailbox_dir or not DOMAIN_FILE_NAME.match(domain) or ".." in domain:
        return None
    base = os.path.join(mailbox_dir, domain)
    if os.path.exists(base + ".tempfail"):
        return "450 4.2.0 Mailbox temporarily unavailable"
    mailboxes = read_mailboxes(base)
    if mailboxes is None or address.lower() in mailboxes:
        return None
    return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"


class MailDirHandler:
    def __init__(self, maildir, mailbox_dir=None, pipelining=True):
        self.maildir = maildir
        self.mailbox_dir = mailbox_dir
        self.pipelining = pipelining

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        # aiosmtpd reads commands one line at a time, so it serves pipelined ones (RFC 2920); it just does not say so.
        session.host_name = hostname
        if self.pipelining:
            responses.insert(len(responses) - 1, "250-PIPELINING")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refusal = rcpt_verdict(self.mailbox_dir, address)
        if refusal is not None:
            print(f"refused {address}: {refusal[:3]}", flush=True)
            return refusal
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        base = f"{time.time_ns()}-{secrets.token_hex(4)}"
        content = envelope.original_content or envelope.content or b""
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "peer": str(session.peer[0]) if session.peer else None,
            "received_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "size": len(content),
            "tls": session.ssl is not None,
            "auth_user": session.auth_data.login.decode("utf-8", "replace")
            if isinstance(session.auth_data, LoginPassword) else None,
        }
        # Durable before the 250, as a real MTA's queue file; the fsyncs run off the event loop so that one
        # session's disk wait does not stall every other session.
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, store_mail, self.maildir, base, json.dumps(meta, indent=2).encode(), content)
        print(f"stored {base}.eml from={envelope.mail_from} to={','.join(envelope.rcpt_tos)}", flush=True)
        return "250 Message accepted for delivery"


class Authenticator:
    """Accepts one user name and password (AUTH PLAIN or LOGIN), compared in constant time."""

    def __init__(self, user, password):
        self.user = user.encode("utf-8")
        self.password = password.encode("utf-8")

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and secrets.compare_digest(auth_data.login, self.user)
              & secrets.compare_digest(auth_data.password, self.password))
        print(f"auth {mechanism} {'accepted' if ok else 'refused'}", flush=True)
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


def server_options(args):
    """aiosmtpd.smtp.SMTP keyword arguments for the optional TLS and AUTH features."""
    options = {}
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        options.update(tls_context=context, require_starttls=args.require_tls)
    if args.auth_user:
        with open(args.auth_password_file, encoding="utf-8") as f:
            password = f.read().strip()
        offered = {m.strip().upper() for m in args.auth_mechanisms.split(",") if m.strip()}
        options.update(authenticator=Authenticator(args.auth_user, password), auth_required=True,
                       auth_require_tls=bool(args.tls_cert),
                       auth_exclude_mechanism=[m for m in ("PLAIN", "LOGIN") if m not in offered])
    return options


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--mailbox-dir", help="per-domain mailbox lists for RCPT TO (see above)")
    parser.add_argument("--tls-cert", help="PEM certificate: offer STARTTLS")
    parser.add_argument("--tls-key", help="PEM key of --tls-cert")
    parser.add_argument("--require-tls", action="store_true", help="refuse MAIL before STARTTLS")
    parser.add_argument("--auth-user", help="require AUTH PLAIN/LOGIN as this user")
    parser.add_argument("--auth-password-file", help="the password of --auth-user, in a file")
    parser.add_argument("--no-pipelining", action="store_true", help="do not offer PIPELINING")
    parser.add_argument("--auth-mechanisms", default="PLAIN,LOGIN",
                        help="the AUTH mechanisms offered, comma-separated (default PLAIN,LOGIN)")
    args = parser.parse_args()
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    if args.require_tls and not args.tls_cert:
        parser.error("--require-tls needs --tls-cert")
    if bool(args.auth_user) != bool(args.auth_password_file):
        parser.error("--auth-user and --auth-password-file go together")

    os.makedirs(args.maildir, exist_ok=True)
    if args.mailbox_dir:
        os.makedirs(args.mailbox_dir, exist_ok=True)
    handler = MailDirHandler(args.maildir, args.mailbox_dir, pipelining=not args.no_pipelining)
    options = server_options(args)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(
            lambda: SMTP(handler, enable_SMTPUTF8=True, data_size_limit=64 * 1024 * 1024, **options),
            host=args.host,
            port=args.port,
        )
    )
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, loop.stop)
    print(f"smtp sink listening on {args.host}:{args.port}, maildir {args.maildir}, "
          f"mailbox dir {args.mailbox_dir or '-'}, starttls {'yes' if args.tls_cert else 'no'}"
          f"{' (required)' if args.require_tls else ''}, auth {'required' if args.auth_user else 'no'}, "
          f"pipelining {'no' if args.no_pipelining else 'yes'}", flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
