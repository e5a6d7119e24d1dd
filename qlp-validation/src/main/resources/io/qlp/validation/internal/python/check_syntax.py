# Parses every file named on the command line with Python's own parser, without running it, and prints one line per
# file that does not parse: path, line, column, message, separated by tabs. Always exits with 0 when it could look.
import sys

def clean(text):
    return " ".join(str(text).split())

for path in sys.argv[1:]:
    try:
        with open(path, "rb") as handle:
            source = handle.read()
        compile(source, path, "exec", 0x400, dont_inherit=True)  # 0x400 is ast.PyCF_ONLY_AST
    except SyntaxError as error:
        print(path, error.lineno or 0, error.offset or 0, clean(type(error).__name__ + ": " + str(error.msg)),
              sep="\t")
    except (ValueError, UnicodeDecodeError) as error:
        print(path, 0, 0, clean(type(error).__name__ + ": " + str(error)), sep="\t")
