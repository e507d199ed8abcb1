// Declarations, statements and expressions that predate generics: struct
// tags, labelled loops, goto, select, type switches, method values and
// expressions, literals of every kind.
package gosyntax

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
)

// Weekday uses iota.
type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
	_
	Thursday
)

const (
	big   = 1 << 62
	hex   = 0xFF_FF
	oct   = 0o17
	oldOc = 017
	bin   = 0b1010_1010
	flt   = 1_000.5e-3
	hexf  = 0x1p-2
	imag_ = 2.5i
	r1    = 'a'
	r2    = '\u00e9'
	r3    = '\x00'
	r4    = '\''
	raw   = `a raw
string with "quotes"`
	interp = "tab\t\"quote\" \u263a \U0001F600 \xff"
)

// Record has struct tags, embedded fields and an anonymous struct.
type Record struct {
	ID   int64  `json:"id" db:"id,pk"`
	Name string `json:"name,omitempty"`
	io.Reader
	*os.File
	Meta struct {
		Tags []string `yaml:"tags"`
	} `json:"meta"`
	_ [0]func() // not comparable
}

// Shape is an interface with embedded interfaces.
type Shape interface {
	fmt.Stringer
	Area() float64
	Scale(f float64) (Shape, error)
}

type square struct{ side float64 }

func (s square) Area() float64                   { return s.side * s.side }
func (s square) String() string                  { return fmt.Sprintf("square(%g)", s.side) }
func (s *square) Scale(f float64) (Shape, error) { s.side *= f; return s, nil }

var _ Shape = (*square)(nil)

var (
	errNotFound         = errors.New("not found")
	handlers            = map[string]func(context.Context) error{}
	matrix              = [...][2]int{{1, 2}, {3, 4}}
	points              = []*Point{{1, 2}, {X: 3}}
	nested              = map[string][]Point{"a": {{1, 2}}}
	π           float64 = 3.14159
	recv        <-chan int
	send        chan<- int
	chanOfChan  chan (<-chan int)
	fn          func(...int) (int, error)
)

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprint("integer ", x)
	case error:
		return x.Error()
	case func() string:
		return x()
	case []byte:
		return string(x)
	default:
		return fmt.Sprintf("%T", x)
	}
}

func control(ctx context.Context, in <-chan int, out chan<- int, grid [][]int) (n int, err error) {
outer:
	for i, row := range grid {
		for j := range row {
			switch {
			case grid[i][j] < 0:
				continue outer
			case grid[i][j] == 0:
				break outer
			case grid[i][j] > 100:
				fallthrough
			default:
				n++
			}
		}
	}

	i := 0
loop:
	if i < 3 {
		i++
		goto loop
	}

	for {
		select {
		case v, ok := <-in:
			if !ok {
				return n, nil
			}
			n += v
		case out <- n:
		case <-ctx.Done():
			return n, ctx.Err()
		default:
			break
		}
		if n > 10 {
			break
		}
	}

	switch s := describe(n); s {
	case "a", "b":
		n--
	}

	var sq square
	area := sq.Area
	scale := (*square).Scale
	str := square.String
	_, _ = scale(&sq, 2)
	fmt.Println(area(), str(sq))

	if v, ok := handlers["x"]; ok && v != nil {
		err = v(ctx)
	} else if errors.Is(err, errNotFound) {
		err = nil
	}

	defer func() { n++ }()
	go func(x int) { _ = x }(n)

	a, b := 1, 2
	a, b = b, a
	a += 3
	b <<= 1
	a &^= b
	n--
	s := []int{1, 2, 3, 4}
	s = s[1:3:4]
	arr := [3]int{}
	pa := &arr
	_ = pa[1:]
	var ip *int = &a
	*ip = 5
	p := *(*int)(ip)
	bs := []byte("x")
	f := (func())(nil)
	c := (<-chan int)(recv)
	e := struct{}{}
	var iface any = sq
	_, isShape := iface.(Shape)

	_ = []any{p, bs, f, c, e, isShape, matrix, points, nested, π, send, chanOfChan, fn}
	return
}

func init() {}

func init() {
	if len(os.Args) > 99 {
		os.Exit(2)
	}
}
