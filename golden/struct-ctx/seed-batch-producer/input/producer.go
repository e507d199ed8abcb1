package producer

import (
	"context"

	"example.com/producer/batch"
)

// Metadata says where a record was delivered from.
type Metadata struct {
	Delivery uint64
	Queue    string
}

// BatchProducer handles batch connection to a database server
type BatchProducer struct {
	client *batch.Client
	ctx    context.Context
}

func NewBatchProducer(ctx context.Context, opts []batch.Option) *BatchProducer {
	/* Initial setup... */
	client, _ := batch.New(ctx, opts...)

	return &BatchProducer{
		client: client,
		ctx:    ctx, // ctx is incorrectly passed into a long lived struct
	}
}

func (bp *BatchProducer) OnRecordSucceeded(metadata any) {
	md, _ := metadata.(*Metadata)
	bp.client.Ack(bp.ctx, md.Delivery, md.Queue)
}

func (bp *BatchProducer) OnRecordRejected(metadata any) {
	md, _ := metadata.(*Metadata)
	bp.client.Nack(bp.ctx, md.Delivery, md.Queue, false)
}
