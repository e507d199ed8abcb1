package chain

import "context"

// HandleRequest has a real request-scoped context.
func HandleRequest(ctx context.Context) string {
	data := BusinessLogicHandlerContext(ctx) // Note that the request context was not passed here.
	return data
}

// BusinessLogicHandler calls BusinessLogicHandlerContext with context.Background().
//
// Deprecated: use BusinessLogicHandlerContext.
func BusinessLogicHandler() string {
	return BusinessLogicHandlerContext(context.Background())
}

// BusinessLogicHandlerContext is like BusinessLogicHandler but takes a context.
func BusinessLogicHandlerContext(ctx context.Context) string {
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
//
// Deprecated: use ReportContext.
func Report(
	title string,
	body string,
) string {
	return ReportContext(context.Background(), title, body)
}

// ReportContext is like Report but takes a context.
func ReportContext(ctx context.Context,
	title string,
	body string,
) string {
	return RetrieveData(ctx) + title + body
}

// Publish calls PublishContext with context.Background().
//
// Deprecated: use PublishContext.
func Publish() string {
	return PublishContext(context.Background())
}

// PublishContext is like Publish but takes a context.
func PublishContext(ctx context.Context) string {
	return ReportContext(ctx,
		"title",
		"body",
	)
}

func main2(ctx context.Context) string { return PublishContext(ctx) }
