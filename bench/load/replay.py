#!/usr/bin/env python3
"""Turns the statements one request sent, as PostgreSQL logged them (log_statement = all,
the default log_line_prefix), into a pgbench script that sends the same statements with the
same parameters, so that pgbench measures exactly what the service runs and never a copy of
it that drifts from the code.

    replay.py LOG FIRST_LINE SCRIPT VARIABLES [--pipeline]

reads LOG from line FIRST_LINE (1-based) on, writes the pgbench script to SCRIPT (each `$k` of
a statement becomes a pgbench variable, which pgbench binds as a parameter in -M prepared and
extended, as the service binds it) and the variables' values to VARIABLES, one `name=value`
per line, for pgbench's -D. Statements from ALTER SYSTEM and pg_reload_conf (the benchmark's
own) are left out. With --pipeline the statements go in \\startpipeline … \\endpipeline: those
of one virtual transaction together (one round trip of the service's, when the log line prefix
has %v after the process id: a pipeline is one implicit transaction), else all in one.
Prints how many statements it wrote.
"""
import re
import sys

ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[.\d]* \S+ \[\d+\] (?:(\d+/\d+) )? ?(\w+):  (.*)$")
EXECUTE = re.compile(r"^(?:execute [^:]*|statement): (.*)$", re.S)
PARAMETER = re.compile(r"\$(\d+) = (NULL|'((?:[^']|'')*)')")


def entries(lines):
    """(virtual transaction or None, level, text) of each log entry, continuation lines
    joined to their entry."""
    transaction, level, text = None, None, []
    for line in lines:
        match = ENTRY.match(line.rstrip("\n"))
        if match:
            if level:
                yield transaction, level, "\n".join(text)
            transaction, level, text = match.group(1), match.group(2), [match.group(3)]
        elif level:
            text.append(line.rstrip("\n").removeprefix("\t"))
    if level:
        yield transaction, level, "\n".join(text)


def main():
    log, first, script, variables = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    pipeline = "--pipeline" in sys.argv[5:]
    with open(log, encoding="utf-8", errors="replace") as handle:
        lines = handle.readlines()[first - 1:]
    statements = []  # [sql, {k: value}, virtual transaction]
    for transaction, level, text in entries(lines):
        if level == "LOG":
            match = EXECUTE.match(text)
            if match and not re.search(r"ALTER SYSTEM|pg_reload_conf", match.group(1)):
                statements.append([match.group(1), {}, transaction])
        elif level == "DETAIL" and text.startswith("parameters: ") and statements:
            for number, raw, quoted in PARAMETER.findall(text):
                statements[-1][1][int(number)] = None if raw == "NULL" else quoted.replace("''", "'")
    if not statements:
        sys.exit("no statements found in the log")
    values = []
    body = []
    for index, (sql, parameters, transaction) in enumerate(statements, start=1):
        def variable(match):
            number = int(match.group(1))
            if parameters.get(number) is None:
                return "NULL"
            name = f"s{index}p{number}"
            values.append(f"{name}={parameters[number]}")
            return f":{name}"
        statement = re.sub(r"\$(\d+)", variable, sql).rstrip().rstrip(";") + ";"
        if pipeline and (index == 1 or transaction != statements[index - 2][2]):
            if index > 1:
                body.append("\\endpipeline")
            body.append("\\startpipeline")
        body.append(statement)
    if pipeline:
        body.append("\\endpipeline")
    with open(script, "w", encoding="utf-8") as handle:
        handle.write("\n".join(body) + "\n")
    with open(variables, "w", encoding="utf-8") as handle:
        handle.write("".join(value + "\n" for value in values))
    print(len(statements))


if __name__ == "__main__":
    main()
