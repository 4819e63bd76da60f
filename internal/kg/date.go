package kg

import "time"

// Date is a calendar date in ISO form "YYYY-MM-DD", or "" when unknown. Its
// string order is its chronological order.
type Date string

// ParseDate checks and returns an ISO date; "" is accepted as unknown.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return "", nil
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return "", Errorf(Invalid, "invalid date %q: want YYYY-MM-DD", s)
	}
	return Date(s), nil
}

// DateOf returns the Date of t (in t's location).
func DateOf(t time.Time) Date { return Date(t.Format(time.DateOnly)) }

// Valid reports whether d is "" or a real ISO date.
func (d Date) Valid() bool {
	_, err := ParseDate(string(d))
	return err == nil
}

// Time returns d at midnight UTC (zero time for "").
func (d Date) Time() time.Time {
	t, _ := time.Parse(time.DateOnly, string(d))
	return t
}
