# shellcheck shell=bash
# SMTP sink: infra/smtp/sink.py (aiosmtpd, Debian's python3), one .eml (+ .json envelope) per message.

SMTP_DIR="$PLATFORM_DIR/smtp"
SMTP_MAIL_DIR="$SMTP_DIR/mail"
# Per-domain mailbox lists the sink checks RCPT TO against (see infra/smtp/sink.py).
SMTP_MAILBOX_DIR="$SMTP_DIR/mailboxes"
SMTP_PID_FILE="$SMTP_DIR/sink.pid"

smtp_log() { printf '%s\n' "$LOG_DIR/smtp.log"; }
smtp_main_port() { printf '%s\n' "$PLATFORM_SMTP_PORT"; }
smtp_ports() { printf '%s\n' "$PLATFORM_SMTP_PORT"; }
smtp_pid() { read_pidfile "$SMTP_PID_FILE"; }
smtp_cleanup_stale() { rm -f "$SMTP_PID_FILE"; }

smtp_prepare() { mkdir -p "$SMTP_MAIL_DIR" "$SMTP_MAILBOX_DIR"; }

smtp_launch() {
  start_detached "$(smtp_log)" /usr/bin/python3 -I -u "$INFRA_DIR/smtp/sink.py" \
    --host 127.0.0.1 --port "$PLATFORM_SMTP_PORT" --maildir "$SMTP_MAIL_DIR" \
    --mailbox-dir "$SMTP_MAILBOX_DIR"
  printf '%s\n' "$LAUNCHED_PID" >"$SMTP_PID_FILE"
}

smtp_ready() {
  port_listening "$PLATFORM_SMTP_PORT" || return 1
  # A real TCP connect that reads the 220 greeting.
  timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PLATFORM_SMTP_PORT; read -r -t 2 line <&3; [[ \$line == 220* ]] || exit 1; printf 'QUIT\r\n' >&3" \
    2>/dev/null
}

smtp_after_start() { :; }
smtp_kill() { stop_pid "$(smtp_pid)" 10; smtp_cleanup_stale; }
smtp_stop() { smtp_kill; }
