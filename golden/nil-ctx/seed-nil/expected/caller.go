package pay

import (
	"context"
	"fmt"
)

// checkout has no context and no context import: it gets context.TODO().
func checkout() {
	err := ChargeCard(context.TODO(), 100) // BUG: nil Context
	fmt.Println(err)
	fmt.Println(paymentsAPI.Charge(context.TODO(), 5))
}
