package auth

import (
	"bufio"
	"context"
	"errors"
	"io"
	"reflect"
	"sync"
)

// maxLine bounds one pasted line.
const maxLine = 2*maxTokenLen + 2

// lineReader hands the lines of one io.Reader (os.Stdin, in the CLI) to the
// Logins that wait for them, with at most one read in flight. A read cannot
// be interrupted, so a Login that is cancelled or times out leaves its read
// running; the line it returns goes to the next Login that waits by then,
// and is dropped if none does (it was typed into a prompt that is gone).
// Either way, no abandoned reader swallows the next Login's input.
type lineReader struct {
	src io.Reader
	br  *bufio.Reader // used only by the read in flight
	// shared says src is comparable and the lineReader is in lines.
	shared bool

	// guarded by linesMu
	reading bool             // a read is in flight
	waiter  chan<- lineValue // the Login waiting, nil if none
}

type lineValue struct {
	s   string
	err error
}

// lines holds the lineReader of each comparable reader while a read of it
// is in flight or bytes of it are buffered.
var (
	linesMu sync.Mutex
	lines   = map[io.Reader]*lineReader{}
)

// pendingLine is a Login's claim on the next line of a reader.
type pendingLine struct {
	lr *lineReader
	ch chan lineValue
}

// awaitLine claims the next line of r, starting a read unless one is in
// flight. Login claims it before it prints its prompt, so that a line typed
// after the prompt is always its own.
func awaitLine(r io.Reader) *pendingLine {
	p := &pendingLine{ch: make(chan lineValue, 1)}
	linesMu.Lock()
	defer linesMu.Unlock()
	shared := reflect.TypeOf(r).Comparable() // else a map key would panic
	if shared {
		p.lr = lines[r]
	}
	if p.lr == nil {
		p.lr = &lineReader{src: r, br: bufio.NewReaderSize(r, 4096), shared: shared}
		if shared {
			lines[r] = p.lr
		}
	}
	p.lr.waiter = p.ch
	if !p.lr.reading {
		p.lr.reading = true
		go p.lr.read()
	}
	return p
}

// wait returns the claimed line, or gives up the claim when ctx is done.
func (p *pendingLine) wait(ctx context.Context) (string, error) {
	select {
	case v := <-p.ch:
		return v.s, v.err
	case <-ctx.Done():
		linesMu.Lock()
		if p.lr.waiter == p.ch {
			p.lr.waiter = nil
		}
		linesMu.Unlock()
		return "", ctx.Err()
	}
}

// read reads one line and hands it to the waiting Login, if any.
func (lr *lineReader) read() {
	s, err := readOne(lr.br)
	linesMu.Lock()
	w := lr.waiter
	lr.waiter, lr.reading = nil, false
	if lr.shared && lr.br.Buffered() == 0 && lines[lr.src] == lr {
		delete(lines, lr.src)
	}
	linesMu.Unlock()
	if w != nil {
		w <- lineValue{s, err}
	}
}

var errLineTooLong = errors.New("auth: pasted text is too long")

// readOne reads up to and including '\n', or to the end of the input.
func readOne(br *bufio.Reader) (string, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		line = append(line, chunk...)
		switch {
		case len(line) > maxLine:
			return "", errLineTooLong
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(line) > 0:
			return string(line), nil
		}
		return string(line), err
	}
}
