package safegit

import (
	"bytes"
	"errors"
	"os/exec"
	"strings"
)

// Error is a failure of git itself: not a repository, a bad revision,
// corrupt objects. Its message is git's, cleaned to one line.
type Error struct {
	Op  string // what keyless asked git to do
	Msg string // git's message, without its "fatal: " or "error: " prefix
	// Level is that prefix without the colon ("fatal", "error"), or ""
	// when git's message had none or git did not run.
	Level string
}

func (e *Error) Error() string { return e.Op + ": " + e.Msg }

// failure turns a failed git run into an *Error with git's first
// meaningful stderr line ("fatal: …", "error: …"), without the prefix.
func failure(op string, err error, stderr []byte) error {
	var ee *exec.Error
	if errors.As(err, &ee) {
		return &Error{Op: op, Msg: "git is not installed or not on PATH"}
	}
	msg, level := cleanMessage(stderr)
	if msg == "" {
		msg = err.Error()
	}
	return &Error{Op: op, Msg: msg, Level: level}
}

// cleanMessage picks the most telling line of git's stderr: the first
// "fatal:" line, else the first "error:" line, else the first line; the
// prefix is dropped (and returned as the level) and the text kept
// printable and short: git quotes path names, but a message may still
// carry bytes of the repository (a ref name) that must not reach a
// terminal as control characters.
func cleanMessage(stderr []byte) (msg, level string) {
	lines := strings.Split(strings.TrimSpace(string(stderr)), "\n")
	pick := ""
	for _, prefix := range []string{"fatal: ", "error: "} {
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				pick, level = strings.TrimPrefix(l, prefix), strings.TrimSuffix(prefix, ": ")
				break
			}
		}
		if pick != "" {
			break
		}
	}
	if pick == "" && len(lines) > 0 {
		pick = lines[0]
	}
	pick = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, strings.TrimSpace(pick))
	if len(pick) > 300 {
		pick = pick[:300] + "…"
	}
	return pick, level
}

// limitedBuffer keeps the first max bytes written to it.
type limitedBuffer struct {
	buf bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.buf.Len(); room > 0 {
		if len(p) > room {
			b.buf.Write(p[:room])
		} else {
			b.buf.Write(p)
		}
	}
	return len(p), nil
}

func (b *limitedBuffer) Bytes() []byte { return b.buf.Bytes() }
