package chain

import "context"

// HandleRequest has a real request-scoped context.
func HandleRequest(ctx context.Context) string {
	data := BusinessLogicHandler() // Note that the request context was not passed here.
	return data
}

func BusinessLogicHandler() string {
	ctx := context.TODO() // Placeholder context, since we weren't passed it.
	data := RetrieveData(ctx)
	return data
}

func RetrieveData(ctx context.Context) string {
	if err := ctx.Err(); err != nil {
		return ""
	}
	return "data"
}

// Report's parameters are one per line: the new one is too.
func Report(
	title string,
	body string,
) string {
	ctx := context.Background()
	return RetrieveData(ctx) + title + body
}

func Publish() string {
	return Report(
		"title",
		"body",
	)
}

func main2(ctx context.Context) string { return Publish() }
