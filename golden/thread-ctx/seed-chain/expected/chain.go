package chain

import "context"

// HandleRequest has a real request-scoped context.
func HandleRequest(ctx context.Context) string {
	data := BusinessLogicHandler(ctx) // Note that the request context was not passed here.
	return data
}

func BusinessLogicHandler(ctx context.Context) string {
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
func Report(ctx context.Context,
	title string,
	body string,
) string {
	return RetrieveData(ctx) + title + body
}

func Publish(ctx context.Context) string {
	return Report(ctx,
		"title",
		"body",
	)
}

func main2(ctx context.Context) string { return Publish(ctx) }
