#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# sportello-admin db copy SQLite → PostgreSQL → SQLite (rows, reports, audit
# chain, receipts), refusals; the password of a PostgreSQL database from
# ~/.pgpass or a prompt, against a stand-in server that asks for one. Prints TAP.
set -u
ADMIN=${SPORTELLO_ADMIN:?}
. "$(dirname "$0")/tap.sh"

# A PostgreSQL server is part of the suite: without one the test fails.
pg=$(pg_new_db copy) || { echo "not ok 1 no PostgreSQL server to copy to"; echo "1..1"; exit 1; }
pgdb="t_copy_$$"

src="$dir/source.db" back="$dir/back.db"
echo 'Correct-Horse-7' | "$ADMIN" --database "$src" init --comune Cesena --desk 'Sportello 1' \
  --admin admin --admin-name 'Anna A' --password-stdin >/dev/null
"$ADMIN" --database "$src" demo --days 5 --desks 2 --seed 3 --quiet >/dev/null

# A receipt made on the source, as a scanner reads it off the paper.
receipt=$(sqlite3 "$src" "SELECT uuid FROM receipts ORDER BY id LIMIT 1")
"$ADMIN" --database "$src" receipt render "$receipt" --output "$dir/receipt.png" >/dev/null
payload=$(zbarimg --raw -q "$dir/receipt.png" | head -1)
check "a receipt of the source verifies there" sh -c "'$ADMIN' --database '$src' receipt verify '$payload' | grep -q '\"authentic\":true'"

counts_sqlite() { # file: "table count" lines of the tables a copy lists
  python3 -c 'import json,sys; [print(t) for t in json.load(open(sys.argv[1]))["tables"]]' "$dir/to-pg.json" |
    while read -r t; do echo "$t $(sqlite3 "$1" "SELECT count(*) FROM \"$t\"")"; done
}
counts_pg() {
  python3 -c 'import json,sys; [print(t) for t in json.load(open(sys.argv[1]))["tables"]]' "$dir/to-pg.json" |
    while read -r t; do echo "$t $(psql -tAq "$pg" -c "SELECT count(*) FROM \"$t\"")"; done
}
counts_json() { python3 -c 'import json,sys; [print(t, n) for t, n in json.load(open(sys.argv[1]))["tables"].items()]' "$1"; }

check "copy SQLite → PostgreSQL" sh -c "'$ADMIN' db copy --from '$src' --to '$pg' --json > '$dir/to-pg.json' 2> '$dir/to-pg.err'"
check "no progress bar when stderr is not a terminal" sh -c "! grep -q . '$dir/to-pg.err'"
check "the summary counts every table and the total" python3 -c "
import json; d = json.load(open('$dir/to-pg.json'))
assert len(d['tables']) >= 20 and d['tables']['audit'] > 0 and d['tables']['desks'] == 2, d
assert d['total'] == sum(d['tables'].values()) and 'schema_migrations' not in d['tables']"
counts_sqlite "$src" > "$dir/n-src"
counts_json "$dir/to-pg.json" > "$dir/n-json"
counts_pg > "$dir/n-pg"
check "the summary's counts are the source's" cmp "$dir/n-src" "$dir/n-json"
check "PostgreSQL holds as many rows per table as the source" cmp "$dir/n-src" "$dir/n-pg"
check "copy PostgreSQL → SQLite" sh -c "'$ADMIN' db copy --from '$pg' --to '$back' --json > '$dir/back.json'"
counts_sqlite "$back" > "$dir/n-back"
check "the copy back holds as many rows per table" cmp "$dir/n-src" "$dir/n-back"
check "uuids and values come back as they were" sh -c "
  [ \"\$(sqlite3 '$src' 'SELECT uuid, hash FROM audit ORDER BY id' | md5sum)\" = \"\$(sqlite3 '$back' 'SELECT uuid, hash FROM audit ORDER BY id' | md5sum)\" ] &&
  [ \"\$(sqlite3 '$src' 'SELECT hex(content) FROM place_lists UNION ALL SELECT hex(certificate) FROM seals ORDER BY 1' | md5sum)\" = \"\$(sqlite3 '$back' 'SELECT hex(content) FROM place_lists UNION ALL SELECT hex(certificate) FROM seals ORDER BY 1' | md5sum)\" ] &&
  [ \"\$(sqlite3 '$src' 'SELECT count(*) FROM appointments WHERE codice_fiscale IS NULL')\" = \"\$(sqlite3 '$back' 'SELECT count(*) FROM appointments WHERE codice_fiscale IS NULL')\" ]"
n_report=0
for db in "$src" "$pg" "$back"; do
  n_report=$((n_report + 1))
  "$ADMIN" --database "$db" report --from 2020-01-01 --to 2030-12-31 --format json > "$dir/report.$n_report"
done
check "the same report on the three" sh -c "
  grep -q '\"cie_requests\" : [1-9]' '$dir/report.1' && cmp '$dir/report.1' '$dir/report.2' && cmp '$dir/report.1' '$dir/report.3'"
for db in "$pg" "$back"; do
  check "check and the audit chain hold on $(basename "${db%%\?*}")" sh -c "'$ADMIN' --database '$db' check | grep -q 'is sound' && '$ADMIN' --database '$db' audit verify"
  check "the source's receipt verifies on $(basename "${db%%\?*}")" sh -c "'$ADMIN' --database '$db' receipt verify '$payload' | grep -q '\"authentic\":true'"
done
check "a new desk on PostgreSQL takes the next id" sh -c "
  '$ADMIN' --database '$pg' desks add 'Sportello nuovo' >/dev/null &&
  [ \"\$(psql -tAq '$pg' -c \"SELECT id FROM desks WHERE name = 'Sportello nuovo'\")\" -gt \"\$(sqlite3 '$src' 'SELECT max(id) FROM desks')\" ]"

counts_pg > "$dir/pg-before"
fails "copying into a PostgreSQL database with data is refused" 1 "$ADMIN" db copy --from "$src" --to "$pg"
check "saying it is not empty" grep -q "not empty" "$dir/last-err"
counts_pg > "$dir/pg-after"
check "and the PostgreSQL database is unchanged" cmp "$dir/pg-before" "$dir/pg-after"
sqlite3 "$back" .dump | md5sum > "$dir/back-before"
fails "copying into a SQLite file with data is refused" 1 "$ADMIN" db copy --from "$src" --to "$back"
check "and the file is unchanged" sh -c "sqlite3 '$back' .dump | md5sum | cmp - '$dir/back-before'"
fails "a copy from a missing file fails" 1 "$ADMIN" db copy --from "$dir/missing.db" --to "$dir/new.db"
check "with a message, creating nothing" sh -c "grep -q 'no database' '$dir/last-err' && [ ! -e '$dir/missing.db' ] && [ ! -e '$dir/new.db' ]"
fails "db copy without --to is a usage error" 2 "$ADMIN" db copy --from "$src"
fails "db without a subcommand is a usage error" 2 "$ADMIN" db
check "db copy --help says --database is not used" sh -c "'$ADMIN' db copy --help | grep -q -- '--database is not'"

# What a clerk sees in a terminal: a progress bar, then the summary.
cat > "$dir/terminal.py" <<'EOF'
# Runs a command on a terminal; answers a password prompt when told to.
import os, pty, sys, time
answer = os.environ.get("ANSWER")
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out, answered, deadline = b"", False, time.time() + 60
while time.time() < deadline:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if answer is not None and not answered and b"Password for the" in out:
        time.sleep(0.2)
        os.write(fd, answer.encode() + b"\n")
        answered = True
sys.stdout.buffer.write(out)
sys.exit(os.waitpid(pid, 0)[1] >> 8)
EOF
check "on a terminal the copy draws a progress bar" sh -c "
  python3 '$dir/terminal.py' '$ADMIN' db copy --from '$src' --to '$dir/tty.db' > '$dir/tty.out' &&
  grep -q '\[#*  *\] *[0-9]*% ' '$dir/tty.out' && grep -q '\[#\{30\}\] 100%' '$dir/tty.out' && grep -q 'rows in all' '$dir/tty.out'"

# A stand-in PostgreSQL server that asks for a cleartext password, writes
# down what it got and refuses the connection with what it thought of it.
mkdir "$dir/sock"
cat > "$dir/server.py" <<'EOF'
import socket, struct, sys
path, expected, log = sys.argv[1:4]
server = socket.socket(socket.AF_UNIX)
server.bind(path)
server.listen(8)
open(log, "w").close()
def read(c, n):
    data = b""
    while len(data) < n:
        more = c.recv(n - len(data))
        if not more:
            raise EOFError
        data += more
    return data
while True:
    c, _ = server.accept()
    try:
        while True:
            length = struct.unpack("!I", read(c, 4))[0]
            body = read(c, length - 4)
            if struct.unpack("!I", body[:4])[0] in (80877103, 80877104):  # SSL, GSS: no
                c.sendall(b"N")
                continue
            break
        c.sendall(b"R" + struct.pack("!II", 8, 3))   # AuthenticationCleartextPassword
        read(c, 1)
        length = struct.unpack("!I", read(c, 4))[0]
        password = read(c, length - 4).rstrip(b"\0").decode()
        with open(log, "a") as f:
            f.write("got " + password + "\n")
        message = "stand-in accepted the password" if password == expected else "password authentication failed"
        fields = b"SFATAL\0C28P01\0M" + message.encode() + b"\0\0"
        c.sendall(b"E" + struct.pack("!I", 4 + len(fields)) + fields)
    except EOFError:
        with open(log, "a") as f:
            f.write("no password\n")
    c.close()
EOF
python3 "$dir/server.py" "$dir/sock/.s.PGSQL.7654" 'S3cret-Pass' "$dir/server.log" &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; pg_drop_dbs; rm -rf "$dir"' EXIT
for i in $(seq 50); do [ -S "$dir/sock/.s.PGSQL.7654" ] && break; sleep 0.1; done
fake="postgresql://clerk@/sportello?host=$dir/sock&port=7654"
export PGPASSFILE="$dir/no-pgpass"
# pg_virtualenv gives the suite's own server a password in PGPASSWORD:
# the stand-in must see only what these checks give it (until the end of
# them: the suite's server needs it again).
suite_password=${PGPASSWORD-}
unset PGPASSWORD

fails "a server asking for a password nobody gave, off a terminal, fails" 1 "$ADMIN" --database "$fake" check </dev/null
check "naming ~/.pgpass" grep -q '~/.pgpass' "$dir/last-err"
check "and sent no password" sh -c "tail -1 '$dir/server.log' | grep -qx 'no password'"
printf '*:*:*:clerk:S3cret-Pass\n' > "$dir/pgpass"; chmod 600 "$dir/pgpass"
fails "the password from PGPASSFILE reaches the server" 1 env PGPASSFILE="$dir/pgpass" "$ADMIN" --database "$fake" check </dev/null
check "which took it" sh -c "grep -q 'stand-in accepted the password' '$dir/last-err' && tail -1 '$dir/server.log' | grep -qx 'got S3cret-Pass'"
check "the message never shows the password" sh -c "! grep -q 'S3cret' '$dir/last-err'"
fails "on a terminal the password is asked for, without echo" 1 sh -c "
  ANSWER='Typed-Pass-9' python3 '$dir/terminal.py' '$ADMIN' --database '$fake' check > '$dir/prompt.out'"
check "the server got the typed password and refused it" sh -c "
  grep -q 'Password for the database “sportello” on this computer as “clerk”' '$dir/prompt.out' &&
  grep -q 'password authentication failed' '$dir/prompt.out' && tail -1 '$dir/server.log' | grep -qx 'got Typed-Pass-9' &&
  ! grep -q 'Typed-Pass-9' '$dir/prompt.out'"
[ -n "$suite_password" ] && export PGPASSWORD="$suite_password"
fails "a location that holds a password is refused" 1 "$ADMIN" db copy --from "$pg&password=Never-Shown" --to "$dir/described2.db"
check "saying where the password goes, without showing it" sh -c "
  grep -q '~/.pgpass' '$dir/last-err' && ! grep -q 'Never-Shown' '$dir/last-err' && [ ! -e '$dir/described2.db' ]"
fails "on the global --database too" 1 "$ADMIN" --database "$pg&password=Never-Shown" check
check "a location is described by database, server and user" sh -c "
  '$ADMIN' db copy --from '$pg' --to '$dir/described.db' --json > '$dir/d.json' &&
  grep -q '\"from\":\"database “$pgdb” on' '$dir/d.json'"

finish
