#!/usr/bin/python3
# Applies an LDIF file (changetype add / modify / delete records) to a Samba AD DC's sam.ldb,
# offline and in one transaction, as the system user through all of Samba's directory modules
# (password hashing, SIDs, GUIDs, backlinks...): what `ldbmodify -H sam.ldb` would do, without
# needing the ldb-tools package. Run with Debian's python3 (the samba bindings live there).
#
#   /usr/bin/python3 apply-ldif.py SMB_CONF LDIF_FILE
import sys

import ldb
from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB


def main(conf, path):
    lp = LoadParm()
    lp.load(conf)
    samdb = SamDB(url=lp.samdb_url(), session_info=system_session(), lp=lp)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    count = 0
    samdb.transaction_start()
    try:
        for changetype, msg in samdb.parse_ldif(text):
            if changetype in (ldb.CHANGETYPE_ADD, ldb.CHANGETYPE_NONE):
                samdb.add(msg)
            elif changetype == ldb.CHANGETYPE_MODIFY:
                samdb.modify(msg)
            elif changetype == ldb.CHANGETYPE_DELETE:
                samdb.delete(msg.dn)
            else:
                raise ValueError(f"unsupported changetype {changetype} for {msg.dn}")
            count += 1
    except BaseException:
        samdb.transaction_cancel()
        raise
    samdb.transaction_commit()
    print(f"applied {count} LDIF records from {path}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: apply-ldif.py SMB_CONF LDIF_FILE")
    main(sys.argv[1], sys.argv[2])
