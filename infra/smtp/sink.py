"""Local SMTP sink for tests: accepts every message and stores it in a mail directory.

Each message becomes <epoch-ns>-<random>.eml (the raw message as received) plus a sidecar
<epoch-ns>-<random>.json with the envelope ({"mail_from": ..., "rcpt_tos": [...], ...}).
Both are written under a temporary dot-name and renamed into place, the .json first, so a
reader that sees an .eml never sees a partial file and always finds its .json.

Run with Debian's interpreter (python3-aiosmtpd):
    /usr/bin/python3 sink.py --host 127.0.0.1 --port 2525 --maildir DIR
"""
import argparse
import asyncio
import json
import os
import secrets
import signal
import sys
import time

from aiosmtpd.smtp import SMTP


def write_atomic(directory, name, data):
    tmp = os.path.join(directory, f".tmp-{name}")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.rename(tmp, os.path.join(directory, name))


class MailDirHandler:
    def __init__(self, maildir):
        self.maildir = maildir

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
        }
        write_atomic(self.maildir, base + ".json", json.dumps(meta, indent=2).encode())
        write_atomic(self.maildir, base + ".eml", content)
        print(f"stored {base}.eml from={envelope.mail_from} to={','.join(envelope.rcpt_tos)}", flush=True)
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--maildir", required=True)
    args = parser.parse_args()

    os.makedirs(args.maildir, exist_ok=True)
    handler = MailDirHandler(args.maildir)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(
            lambda: SMTP(handler, enable_SMTPUTF8=True, data_size_limit=64 * 1024 * 1024),
            host=args.host,
            port=args.port,
        )
    )
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, loop.stop)
    print(f"smtp sink listening on {args.host}:{args.port}, maildir {args.maildir}", flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
