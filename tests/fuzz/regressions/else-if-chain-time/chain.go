// A chain of 1,000 `else if` branches, each handing context.TODO() to a call.
package chain

import "context"

func dispatch(x int) {
	if x == 0 {
	} else if x == 1 {
		_ = sink(context.TODO())
	} else if x == 2 {
		_ = sink(context.TODO())
	} else if x == 3 {
		_ = sink(context.TODO())
	} else if x == 4 {
		_ = sink(context.TODO())
	} else if x == 5 {
		_ = sink(context.TODO())
	} else if x == 6 {
		_ = sink(context.TODO())
	} else if x == 7 {
		_ = sink(context.TODO())
	} else if x == 8 {
		_ = sink(context.TODO())
	} else if x == 9 {
		_ = sink(context.TODO())
	} else if x == 10 {
		_ = sink(context.TODO())
	} else if x == 11 {
		_ = sink(context.TODO())
	} else if x == 12 {
		_ = sink(context.TODO())
	} else if x == 13 {
		_ = sink(context.TODO())
	} else if x == 14 {
		_ = sink(context.TODO())
	} else if x == 15 {
		_ = sink(context.TODO())
	} else if x == 16 {
		_ = sink(context.TODO())
	} else if x == 17 {
		_ = sink(context.TODO())
	} else if x == 18 {
		_ = sink(context.TODO())
	} else if x == 19 {
		_ = sink(context.TODO())
	} else if x == 20 {
		_ = sink(context.TODO())
	} else if x == 21 {
		_ = sink(context.TODO())
	} else if x == 22 {
		_ = sink(context.TODO())
	} else if x == 23 {
		_ = sink(context.TODO())
	} else if x == 24 {
		_ = sink(context.TODO())
	} else if x == 25 {
		_ = sink(context.TODO())
	} else if x == 26 {
		_ = sink(context.TODO())
	} else if x == 27 {
		_ = sink(context.TODO())
	} else if x == 28 {
		_ = sink(context.TODO())
	} else if x == 29 {
		_ = sink(context.TODO())
	} else if x == 30 {
		_ = sink(context.TODO())
	} else if x == 31 {
		_ = sink(context.TODO())
	} else if x == 32 {
		_ = sink(context.TODO())
	} else if x == 33 {
		_ = sink(context.TODO())
	} else if x == 34 {
		_ = sink(context.TODO())
	} else if x == 35 {
		_ = sink(context.TODO())
	} else if x == 36 {
		_ = sink(context.TODO())
	} else if x == 37 {
		_ = sink(context.TODO())
	} else if x == 38 {
		_ = sink(context.TODO())
	} else if x == 39 {
		_ = sink(context.TODO())
	} else if x == 40 {
		_ = sink(context.TODO())
	} else if x == 41 {
		_ = sink(context.TODO())
	} else if x == 42 {
		_ = sink(context.TODO())
	} else if x == 43 {
		_ = sink(context.TODO())
	} else if x == 44 {
		_ = sink(context.TODO())
	} else if x == 45 {
		_ = sink(context.TODO())
	} else if x == 46 {
		_ = sink(context.TODO())
	} else if x == 47 {
		_ = sink(context.TODO())
	} else if x == 48 {
		_ = sink(context.TODO())
	} else if x == 49 {
		_ = sink(context.TODO())
	} else if x == 50 {
		_ = sink(context.TODO())
	} else if x == 51 {
		_ = sink(context.TODO())
	} else if x == 52 {
		_ = sink(context.TODO())
	} else if x == 53 {
		_ = sink(context.TODO())
	} else if x == 54 {
		_ = sink(context.TODO())
	} else if x == 55 {
		_ = sink(context.TODO())
	} else if x == 56 {
		_ = sink(context.TODO())
	} else if x == 57 {
		_ = sink(context.TODO())
	} else if x == 58 {
		_ = sink(context.TODO())
	} else if x == 59 {
		_ = sink(context.TODO())
	} else if x == 60 {
		_ = sink(context.TODO())
	} else if x == 61 {
		_ = sink(context.TODO())
	} else if x == 62 {
		_ = sink(context.TODO())
	} else if x == 63 {
		_ = sink(context.TODO())
	} else if x == 64 {
		_ = sink(context.TODO())
	} else if x == 65 {
		_ = sink(context.TODO())
	} else if x == 66 {
		_ = sink(context.TODO())
	} else if x == 67 {
		_ = sink(context.TODO())
	} else if x == 68 {
		_ = sink(context.TODO())
	} else if x == 69 {
		_ = sink(context.TODO())
	} else if x == 70 {
		_ = sink(context.TODO())
	} else if x == 71 {
		_ = sink(context.TODO())
	} else if x == 72 {
		_ = sink(context.TODO())
	} else if x == 73 {
		_ = sink(context.TODO())
	} else if x == 74 {
		_ = sink(context.TODO())
	} else if x == 75 {
		_ = sink(context.TODO())
	} else if x == 76 {
		_ = sink(context.TODO())
	} else if x == 77 {
		_ = sink(context.TODO())
	} else if x == 78 {
		_ = sink(context.TODO())
	} else if x == 79 {
		_ = sink(context.TODO())
	} else if x == 80 {
		_ = sink(context.TODO())
	} else if x == 81 {
		_ = sink(context.TODO())
	} else if x == 82 {
		_ = sink(context.TODO())
	} else if x == 83 {
		_ = sink(context.TODO())
	} else if x == 84 {
		_ = sink(context.TODO())
	} else if x == 85 {
		_ = sink(context.TODO())
	} else if x == 86 {
		_ = sink(context.TODO())
	} else if x == 87 {
		_ = sink(context.TODO())
	} else if x == 88 {
		_ = sink(context.TODO())
	} else if x == 89 {
		_ = sink(context.TODO())
	} else if x == 90 {
		_ = sink(context.TODO())
	} else if x == 91 {
		_ = sink(context.TODO())
	} else if x == 92 {
		_ = sink(context.TODO())
	} else if x == 93 {
		_ = sink(context.TODO())
	} else if x == 94 {
		_ = sink(context.TODO())
	} else if x == 95 {
		_ = sink(context.TODO())
	} else if x == 96 {
		_ = sink(context.TODO())
	} else if x == 97 {
		_ = sink(context.TODO())
	} else if x == 98 {
		_ = sink(context.TODO())
	} else if x == 99 {
		_ = sink(context.TODO())
	} else if x == 100 {
		_ = sink(context.TODO())
	} else if x == 101 {
		_ = sink(context.TODO())
	} else if x == 102 {
		_ = sink(context.TODO())
	} else if x == 103 {
		_ = sink(context.TODO())
	} else if x == 104 {
		_ = sink(context.TODO())
	} else if x == 105 {
		_ = sink(context.TODO())
	} else if x == 106 {
		_ = sink(context.TODO())
	} else if x == 107 {
		_ = sink(context.TODO())
	} else if x == 108 {
		_ = sink(context.TODO())
	} else if x == 109 {
		_ = sink(context.TODO())
	} else if x == 110 {
		_ = sink(context.TODO())
	} else if x == 111 {
		_ = sink(context.TODO())
	} else if x == 112 {
		_ = sink(context.TODO())
	} else if x == 113 {
		_ = sink(context.TODO())
	} else if x == 114 {
		_ = sink(context.TODO())
	} else if x == 115 {
		_ = sink(context.TODO())
	} else if x == 116 {
		_ = sink(context.TODO())
	} else if x == 117 {
		_ = sink(context.TODO())
	} else if x == 118 {
		_ = sink(context.TODO())
	} else if x == 119 {
		_ = sink(context.TODO())
	} else if x == 120 {
		_ = sink(context.TODO())
	} else if x == 121 {
		_ = sink(context.TODO())
	} else if x == 122 {
		_ = sink(context.TODO())
	} else if x == 123 {
		_ = sink(context.TODO())
	} else if x == 124 {
		_ = sink(context.TODO())
	} else if x == 125 {
		_ = sink(context.TODO())
	} else if x == 126 {
		_ = sink(context.TODO())
	} else if x == 127 {
		_ = sink(context.TODO())
	} else if x == 128 {
		_ = sink(context.TODO())
	} else if x == 129 {
		_ = sink(context.TODO())
	} else if x == 130 {
		_ = sink(context.TODO())
	} else if x == 131 {
		_ = sink(context.TODO())
	} else if x == 132 {
		_ = sink(context.TODO())
	} else if x == 133 {
		_ = sink(context.TODO())
	} else if x == 134 {
		_ = sink(context.TODO())
	} else if x == 135 {
		_ = sink(context.TODO())
	} else if x == 136 {
		_ = sink(context.TODO())
	} else if x == 137 {
		_ = sink(context.TODO())
	} else if x == 138 {
		_ = sink(context.TODO())
	} else if x == 139 {
		_ = sink(context.TODO())
	} else if x == 140 {
		_ = sink(context.TODO())
	} else if x == 141 {
		_ = sink(context.TODO())
	} else if x == 142 {
		_ = sink(context.TODO())
	} else if x == 143 {
		_ = sink(context.TODO())
	} else if x == 144 {
		_ = sink(context.TODO())
	} else if x == 145 {
		_ = sink(context.TODO())
	} else if x == 146 {
		_ = sink(context.TODO())
	} else if x == 147 {
		_ = sink(context.TODO())
	} else if x == 148 {
		_ = sink(context.TODO())
	} else if x == 149 {
		_ = sink(context.TODO())
	} else if x == 150 {
		_ = sink(context.TODO())
	} else if x == 151 {
		_ = sink(context.TODO())
	} else if x == 152 {
		_ = sink(context.TODO())
	} else if x == 153 {
		_ = sink(context.TODO())
	} else if x == 154 {
		_ = sink(context.TODO())
	} else if x == 155 {
		_ = sink(context.TODO())
	} else if x == 156 {
		_ = sink(context.TODO())
	} else if x == 157 {
		_ = sink(context.TODO())
	} else if x == 158 {
		_ = sink(context.TODO())
	} else if x == 159 {
		_ = sink(context.TODO())
	} else if x == 160 {
		_ = sink(context.TODO())
	} else if x == 161 {
		_ = sink(context.TODO())
	} else if x == 162 {
		_ = sink(context.TODO())
	} else if x == 163 {
		_ = sink(context.TODO())
	} else if x == 164 {
		_ = sink(context.TODO())
	} else if x == 165 {
		_ = sink(context.TODO())
	} else if x == 166 {
		_ = sink(context.TODO())
	} else if x == 167 {
		_ = sink(context.TODO())
	} else if x == 168 {
		_ = sink(context.TODO())
	} else if x == 169 {
		_ = sink(context.TODO())
	} else if x == 170 {
		_ = sink(context.TODO())
	} else if x == 171 {
		_ = sink(context.TODO())
	} else if x == 172 {
		_ = sink(context.TODO())
	} else if x == 173 {
		_ = sink(context.TODO())
	} else if x == 174 {
		_ = sink(context.TODO())
	} else if x == 175 {
		_ = sink(context.TODO())
	} else if x == 176 {
		_ = sink(context.TODO())
	} else if x == 177 {
		_ = sink(context.TODO())
	} else if x == 178 {
		_ = sink(context.TODO())
	} else if x == 179 {
		_ = sink(context.TODO())
	} else if x == 180 {
		_ = sink(context.TODO())
	} else if x == 181 {
		_ = sink(context.TODO())
	} else if x == 182 {
		_ = sink(context.TODO())
	} else if x == 183 {
		_ = sink(context.TODO())
	} else if x == 184 {
		_ = sink(context.TODO())
	} else if x == 185 {
		_ = sink(context.TODO())
	} else if x == 186 {
		_ = sink(context.TODO())
	} else if x == 187 {
		_ = sink(context.TODO())
	} else if x == 188 {
		_ = sink(context.TODO())
	} else if x == 189 {
		_ = sink(context.TODO())
	} else if x == 190 {
		_ = sink(context.TODO())
	} else if x == 191 {
		_ = sink(context.TODO())
	} else if x == 192 {
		_ = sink(context.TODO())
	} else if x == 193 {
		_ = sink(context.TODO())
	} else if x == 194 {
		_ = sink(context.TODO())
	} else if x == 195 {
		_ = sink(context.TODO())
	} else if x == 196 {
		_ = sink(context.TODO())
	} else if x == 197 {
		_ = sink(context.TODO())
	} else if x == 198 {
		_ = sink(context.TODO())
	} else if x == 199 {
		_ = sink(context.TODO())
	} else if x == 200 {
		_ = sink(context.TODO())
	} else if x == 201 {
		_ = sink(context.TODO())
	} else if x == 202 {
		_ = sink(context.TODO())
	} else if x == 203 {
		_ = sink(context.TODO())
	} else if x == 204 {
		_ = sink(context.TODO())
	} else if x == 205 {
		_ = sink(context.TODO())
	} else if x == 206 {
		_ = sink(context.TODO())
	} else if x == 207 {
		_ = sink(context.TODO())
	} else if x == 208 {
		_ = sink(context.TODO())
	} else if x == 209 {
		_ = sink(context.TODO())
	} else if x == 210 {
		_ = sink(context.TODO())
	} else if x == 211 {
		_ = sink(context.TODO())
	} else if x == 212 {
		_ = sink(context.TODO())
	} else if x == 213 {
		_ = sink(context.TODO())
	} else if x == 214 {
		_ = sink(context.TODO())
	} else if x == 215 {
		_ = sink(context.TODO())
	} else if x == 216 {
		_ = sink(context.TODO())
	} else if x == 217 {
		_ = sink(context.TODO())
	} else if x == 218 {
		_ = sink(context.TODO())
	} else if x == 219 {
		_ = sink(context.TODO())
	} else if x == 220 {
		_ = sink(context.TODO())
	} else if x == 221 {
		_ = sink(context.TODO())
	} else if x == 222 {
		_ = sink(context.TODO())
	} else if x == 223 {
		_ = sink(context.TODO())
	} else if x == 224 {
		_ = sink(context.TODO())
	} else if x == 225 {
		_ = sink(context.TODO())
	} else if x == 226 {
		_ = sink(context.TODO())
	} else if x == 227 {
		_ = sink(context.TODO())
	} else if x == 228 {
		_ = sink(context.TODO())
	} else if x == 229 {
		_ = sink(context.TODO())
	} else if x == 230 {
		_ = sink(context.TODO())
	} else if x == 231 {
		_ = sink(context.TODO())
	} else if x == 232 {
		_ = sink(context.TODO())
	} else if x == 233 {
		_ = sink(context.TODO())
	} else if x == 234 {
		_ = sink(context.TODO())
	} else if x == 235 {
		_ = sink(context.TODO())
	} else if x == 236 {
		_ = sink(context.TODO())
	} else if x == 237 {
		_ = sink(context.TODO())
	} else if x == 238 {
		_ = sink(context.TODO())
	} else if x == 239 {
		_ = sink(context.TODO())
	} else if x == 240 {
		_ = sink(context.TODO())
	} else if x == 241 {
		_ = sink(context.TODO())
	} else if x == 242 {
		_ = sink(context.TODO())
	} else if x == 243 {
		_ = sink(context.TODO())
	} else if x == 244 {
		_ = sink(context.TODO())
	} else if x == 245 {
		_ = sink(context.TODO())
	} else if x == 246 {
		_ = sink(context.TODO())
	} else if x == 247 {
		_ = sink(context.TODO())
	} else if x == 248 {
		_ = sink(context.TODO())
	} else if x == 249 {
		_ = sink(context.TODO())
	} else if x == 250 {
		_ = sink(context.TODO())
	} else if x == 251 {
		_ = sink(context.TODO())
	} else if x == 252 {
		_ = sink(context.TODO())
	} else if x == 253 {
		_ = sink(context.TODO())
	} else if x == 254 {
		_ = sink(context.TODO())
	} else if x == 255 {
		_ = sink(context.TODO())
	} else if x == 256 {
		_ = sink(context.TODO())
	} else if x == 257 {
		_ = sink(context.TODO())
	} else if x == 258 {
		_ = sink(context.TODO())
	} else if x == 259 {
		_ = sink(context.TODO())
	} else if x == 260 {
		_ = sink(context.TODO())
	} else if x == 261 {
		_ = sink(context.TODO())
	} else if x == 262 {
		_ = sink(context.TODO())
	} else if x == 263 {
		_ = sink(context.TODO())
	} else if x == 264 {
		_ = sink(context.TODO())
	} else if x == 265 {
		_ = sink(context.TODO())
	} else if x == 266 {
		_ = sink(context.TODO())
	} else if x == 267 {
		_ = sink(context.TODO())
	} else if x == 268 {
		_ = sink(context.TODO())
	} else if x == 269 {
		_ = sink(context.TODO())
	} else if x == 270 {
		_ = sink(context.TODO())
	} else if x == 271 {
		_ = sink(context.TODO())
	} else if x == 272 {
		_ = sink(context.TODO())
	} else if x == 273 {
		_ = sink(context.TODO())
	} else if x == 274 {
		_ = sink(context.TODO())
	} else if x == 275 {
		_ = sink(context.TODO())
	} else if x == 276 {
		_ = sink(context.TODO())
	} else if x == 277 {
		_ = sink(context.TODO())
	} else if x == 278 {
		_ = sink(context.TODO())
	} else if x == 279 {
		_ = sink(context.TODO())
	} else if x == 280 {
		_ = sink(context.TODO())
	} else if x == 281 {
		_ = sink(context.TODO())
	} else if x == 282 {
		_ = sink(context.TODO())
	} else if x == 283 {
		_ = sink(context.TODO())
	} else if x == 284 {
		_ = sink(context.TODO())
	} else if x == 285 {
		_ = sink(context.TODO())
	} else if x == 286 {
		_ = sink(context.TODO())
	} else if x == 287 {
		_ = sink(context.TODO())
	} else if x == 288 {
		_ = sink(context.TODO())
	} else if x == 289 {
		_ = sink(context.TODO())
	} else if x == 290 {
		_ = sink(context.TODO())
	} else if x == 291 {
		_ = sink(context.TODO())
	} else if x == 292 {
		_ = sink(context.TODO())
	} else if x == 293 {
		_ = sink(context.TODO())
	} else if x == 294 {
		_ = sink(context.TODO())
	} else if x == 295 {
		_ = sink(context.TODO())
	} else if x == 296 {
		_ = sink(context.TODO())
	} else if x == 297 {
		_ = sink(context.TODO())
	} else if x == 298 {
		_ = sink(context.TODO())
	} else if x == 299 {
		_ = sink(context.TODO())
	} else if x == 300 {
		_ = sink(context.TODO())
	} else if x == 301 {
		_ = sink(context.TODO())
	} else if x == 302 {
		_ = sink(context.TODO())
	} else if x == 303 {
		_ = sink(context.TODO())
	} else if x == 304 {
		_ = sink(context.TODO())
	} else if x == 305 {
		_ = sink(context.TODO())
	} else if x == 306 {
		_ = sink(context.TODO())
	} else if x == 307 {
		_ = sink(context.TODO())
	} else if x == 308 {
		_ = sink(context.TODO())
	} else if x == 309 {
		_ = sink(context.TODO())
	} else if x == 310 {
		_ = sink(context.TODO())
	} else if x == 311 {
		_ = sink(context.TODO())
	} else if x == 312 {
		_ = sink(context.TODO())
	} else if x == 313 {
		_ = sink(context.TODO())
	} else if x == 314 {
		_ = sink(context.TODO())
	} else if x == 315 {
		_ = sink(context.TODO())
	} else if x == 316 {
		_ = sink(context.TODO())
	} else if x == 317 {
		_ = sink(context.TODO())
	} else if x == 318 {
		_ = sink(context.TODO())
	} else if x == 319 {
		_ = sink(context.TODO())
	} else if x == 320 {
		_ = sink(context.TODO())
	} else if x == 321 {
		_ = sink(context.TODO())
	} else if x == 322 {
		_ = sink(context.TODO())
	} else if x == 323 {
		_ = sink(context.TODO())
	} else if x == 324 {
		_ = sink(context.TODO())
	} else if x == 325 {
		_ = sink(context.TODO())
	} else if x == 326 {
		_ = sink(context.TODO())
	} else if x == 327 {
		_ = sink(context.TODO())
	} else if x == 328 {
		_ = sink(context.TODO())
	} else if x == 329 {
		_ = sink(context.TODO())
	} else if x == 330 {
		_ = sink(context.TODO())
	} else if x == 331 {
		_ = sink(context.TODO())
	} else if x == 332 {
		_ = sink(context.TODO())
	} else if x == 333 {
		_ = sink(context.TODO())
	} else if x == 334 {
		_ = sink(context.TODO())
	} else if x == 335 {
		_ = sink(context.TODO())
	} else if x == 336 {
		_ = sink(context.TODO())
	} else if x == 337 {
		_ = sink(context.TODO())
	} else if x == 338 {
		_ = sink(context.TODO())
	} else if x == 339 {
		_ = sink(context.TODO())
	} else if x == 340 {
		_ = sink(context.TODO())
	} else if x == 341 {
		_ = sink(context.TODO())
	} else if x == 342 {
		_ = sink(context.TODO())
	} else if x == 343 {
		_ = sink(context.TODO())
	} else if x == 344 {
		_ = sink(context.TODO())
	} else if x == 345 {
		_ = sink(context.TODO())
	} else if x == 346 {
		_ = sink(context.TODO())
	} else if x == 347 {
		_ = sink(context.TODO())
	} else if x == 348 {
		_ = sink(context.TODO())
	} else if x == 349 {
		_ = sink(context.TODO())
	} else if x == 350 {
		_ = sink(context.TODO())
	} else if x == 351 {
		_ = sink(context.TODO())
	} else if x == 352 {
		_ = sink(context.TODO())
	} else if x == 353 {
		_ = sink(context.TODO())
	} else if x == 354 {
		_ = sink(context.TODO())
	} else if x == 355 {
		_ = sink(context.TODO())
	} else if x == 356 {
		_ = sink(context.TODO())
	} else if x == 357 {
		_ = sink(context.TODO())
	} else if x == 358 {
		_ = sink(context.TODO())
	} else if x == 359 {
		_ = sink(context.TODO())
	} else if x == 360 {
		_ = sink(context.TODO())
	} else if x == 361 {
		_ = sink(context.TODO())
	} else if x == 362 {
		_ = sink(context.TODO())
	} else if x == 363 {
		_ = sink(context.TODO())
	} else if x == 364 {
		_ = sink(context.TODO())
	} else if x == 365 {
		_ = sink(context.TODO())
	} else if x == 366 {
		_ = sink(context.TODO())
	} else if x == 367 {
		_ = sink(context.TODO())
	} else if x == 368 {
		_ = sink(context.TODO())
	} else if x == 369 {
		_ = sink(context.TODO())
	} else if x == 370 {
		_ = sink(context.TODO())
	} else if x == 371 {
		_ = sink(context.TODO())
	} else if x == 372 {
		_ = sink(context.TODO())
	} else if x == 373 {
		_ = sink(context.TODO())
	} else if x == 374 {
		_ = sink(context.TODO())
	} else if x == 375 {
		_ = sink(context.TODO())
	} else if x == 376 {
		_ = sink(context.TODO())
	} else if x == 377 {
		_ = sink(context.TODO())
	} else if x == 378 {
		_ = sink(context.TODO())
	} else if x == 379 {
		_ = sink(context.TODO())
	} else if x == 380 {
		_ = sink(context.TODO())
	} else if x == 381 {
		_ = sink(context.TODO())
	} else if x == 382 {
		_ = sink(context.TODO())
	} else if x == 383 {
		_ = sink(context.TODO())
	} else if x == 384 {
		_ = sink(context.TODO())
	} else if x == 385 {
		_ = sink(context.TODO())
	} else if x == 386 {
		_ = sink(context.TODO())
	} else if x == 387 {
		_ = sink(context.TODO())
	} else if x == 388 {
		_ = sink(context.TODO())
	} else if x == 389 {
		_ = sink(context.TODO())
	} else if x == 390 {
		_ = sink(context.TODO())
	} else if x == 391 {
		_ = sink(context.TODO())
	} else if x == 392 {
		_ = sink(context.TODO())
	} else if x == 393 {
		_ = sink(context.TODO())
	} else if x == 394 {
		_ = sink(context.TODO())
	} else if x == 395 {
		_ = sink(context.TODO())
	} else if x == 396 {
		_ = sink(context.TODO())
	} else if x == 397 {
		_ = sink(context.TODO())
	} else if x == 398 {
		_ = sink(context.TODO())
	} else if x == 399 {
		_ = sink(context.TODO())
	} else if x == 400 {
		_ = sink(context.TODO())
	} else if x == 401 {
		_ = sink(context.TODO())
	} else if x == 402 {
		_ = sink(context.TODO())
	} else if x == 403 {
		_ = sink(context.TODO())
	} else if x == 404 {
		_ = sink(context.TODO())
	} else if x == 405 {
		_ = sink(context.TODO())
	} else if x == 406 {
		_ = sink(context.TODO())
	} else if x == 407 {
		_ = sink(context.TODO())
	} else if x == 408 {
		_ = sink(context.TODO())
	} else if x == 409 {
		_ = sink(context.TODO())
	} else if x == 410 {
		_ = sink(context.TODO())
	} else if x == 411 {
		_ = sink(context.TODO())
	} else if x == 412 {
		_ = sink(context.TODO())
	} else if x == 413 {
		_ = sink(context.TODO())
	} else if x == 414 {
		_ = sink(context.TODO())
	} else if x == 415 {
		_ = sink(context.TODO())
	} else if x == 416 {
		_ = sink(context.TODO())
	} else if x == 417 {
		_ = sink(context.TODO())
	} else if x == 418 {
		_ = sink(context.TODO())
	} else if x == 419 {
		_ = sink(context.TODO())
	} else if x == 420 {
		_ = sink(context.TODO())
	} else if x == 421 {
		_ = sink(context.TODO())
	} else if x == 422 {
		_ = sink(context.TODO())
	} else if x == 423 {
		_ = sink(context.TODO())
	} else if x == 424 {
		_ = sink(context.TODO())
	} else if x == 425 {
		_ = sink(context.TODO())
	} else if x == 426 {
		_ = sink(context.TODO())
	} else if x == 427 {
		_ = sink(context.TODO())
	} else if x == 428 {
		_ = sink(context.TODO())
	} else if x == 429 {
		_ = sink(context.TODO())
	} else if x == 430 {
		_ = sink(context.TODO())
	} else if x == 431 {
		_ = sink(context.TODO())
	} else if x == 432 {
		_ = sink(context.TODO())
	} else if x == 433 {
		_ = sink(context.TODO())
	} else if x == 434 {
		_ = sink(context.TODO())
	} else if x == 435 {
		_ = sink(context.TODO())
	} else if x == 436 {
		_ = sink(context.TODO())
	} else if x == 437 {
		_ = sink(context.TODO())
	} else if x == 438 {
		_ = sink(context.TODO())
	} else if x == 439 {
		_ = sink(context.TODO())
	} else if x == 440 {
		_ = sink(context.TODO())
	} else if x == 441 {
		_ = sink(context.TODO())
	} else if x == 442 {
		_ = sink(context.TODO())
	} else if x == 443 {
		_ = sink(context.TODO())
	} else if x == 444 {
		_ = sink(context.TODO())
	} else if x == 445 {
		_ = sink(context.TODO())
	} else if x == 446 {
		_ = sink(context.TODO())
	} else if x == 447 {
		_ = sink(context.TODO())
	} else if x == 448 {
		_ = sink(context.TODO())
	} else if x == 449 {
		_ = sink(context.TODO())
	} else if x == 450 {
		_ = sink(context.TODO())
	} else if x == 451 {
		_ = sink(context.TODO())
	} else if x == 452 {
		_ = sink(context.TODO())
	} else if x == 453 {
		_ = sink(context.TODO())
	} else if x == 454 {
		_ = sink(context.TODO())
	} else if x == 455 {
		_ = sink(context.TODO())
	} else if x == 456 {
		_ = sink(context.TODO())
	} else if x == 457 {
		_ = sink(context.TODO())
	} else if x == 458 {
		_ = sink(context.TODO())
	} else if x == 459 {
		_ = sink(context.TODO())
	} else if x == 460 {
		_ = sink(context.TODO())
	} else if x == 461 {
		_ = sink(context.TODO())
	} else if x == 462 {
		_ = sink(context.TODO())
	} else if x == 463 {
		_ = sink(context.TODO())
	} else if x == 464 {
		_ = sink(context.TODO())
	} else if x == 465 {
		_ = sink(context.TODO())
	} else if x == 466 {
		_ = sink(context.TODO())
	} else if x == 467 {
		_ = sink(context.TODO())
	} else if x == 468 {
		_ = sink(context.TODO())
	} else if x == 469 {
		_ = sink(context.TODO())
	} else if x == 470 {
		_ = sink(context.TODO())
	} else if x == 471 {
		_ = sink(context.TODO())
	} else if x == 472 {
		_ = sink(context.TODO())
	} else if x == 473 {
		_ = sink(context.TODO())
	} else if x == 474 {
		_ = sink(context.TODO())
	} else if x == 475 {
		_ = sink(context.TODO())
	} else if x == 476 {
		_ = sink(context.TODO())
	} else if x == 477 {
		_ = sink(context.TODO())
	} else if x == 478 {
		_ = sink(context.TODO())
	} else if x == 479 {
		_ = sink(context.TODO())
	} else if x == 480 {
		_ = sink(context.TODO())
	} else if x == 481 {
		_ = sink(context.TODO())
	} else if x == 482 {
		_ = sink(context.TODO())
	} else if x == 483 {
		_ = sink(context.TODO())
	} else if x == 484 {
		_ = sink(context.TODO())
	} else if x == 485 {
		_ = sink(context.TODO())
	} else if x == 486 {
		_ = sink(context.TODO())
	} else if x == 487 {
		_ = sink(context.TODO())
	} else if x == 488 {
		_ = sink(context.TODO())
	} else if x == 489 {
		_ = sink(context.TODO())
	} else if x == 490 {
		_ = sink(context.TODO())
	} else if x == 491 {
		_ = sink(context.TODO())
	} else if x == 492 {
		_ = sink(context.TODO())
	} else if x == 493 {
		_ = sink(context.TODO())
	} else if x == 494 {
		_ = sink(context.TODO())
	} else if x == 495 {
		_ = sink(context.TODO())
	} else if x == 496 {
		_ = sink(context.TODO())
	} else if x == 497 {
		_ = sink(context.TODO())
	} else if x == 498 {
		_ = sink(context.TODO())
	} else if x == 499 {
		_ = sink(context.TODO())
	} else if x == 500 {
		_ = sink(context.TODO())
	} else if x == 501 {
		_ = sink(context.TODO())
	} else if x == 502 {
		_ = sink(context.TODO())
	} else if x == 503 {
		_ = sink(context.TODO())
	} else if x == 504 {
		_ = sink(context.TODO())
	} else if x == 505 {
		_ = sink(context.TODO())
	} else if x == 506 {
		_ = sink(context.TODO())
	} else if x == 507 {
		_ = sink(context.TODO())
	} else if x == 508 {
		_ = sink(context.TODO())
	} else if x == 509 {
		_ = sink(context.TODO())
	} else if x == 510 {
		_ = sink(context.TODO())
	} else if x == 511 {
		_ = sink(context.TODO())
	} else if x == 512 {
		_ = sink(context.TODO())
	} else if x == 513 {
		_ = sink(context.TODO())
	} else if x == 514 {
		_ = sink(context.TODO())
	} else if x == 515 {
		_ = sink(context.TODO())
	} else if x == 516 {
		_ = sink(context.TODO())
	} else if x == 517 {
		_ = sink(context.TODO())
	} else if x == 518 {
		_ = sink(context.TODO())
	} else if x == 519 {
		_ = sink(context.TODO())
	} else if x == 520 {
		_ = sink(context.TODO())
	} else if x == 521 {
		_ = sink(context.TODO())
	} else if x == 522 {
		_ = sink(context.TODO())
	} else if x == 523 {
		_ = sink(context.TODO())
	} else if x == 524 {
		_ = sink(context.TODO())
	} else if x == 525 {
		_ = sink(context.TODO())
	} else if x == 526 {
		_ = sink(context.TODO())
	} else if x == 527 {
		_ = sink(context.TODO())
	} else if x == 528 {
		_ = sink(context.TODO())
	} else if x == 529 {
		_ = sink(context.TODO())
	} else if x == 530 {
		_ = sink(context.TODO())
	} else if x == 531 {
		_ = sink(context.TODO())
	} else if x == 532 {
		_ = sink(context.TODO())
	} else if x == 533 {
		_ = sink(context.TODO())
	} else if x == 534 {
		_ = sink(context.TODO())
	} else if x == 535 {
		_ = sink(context.TODO())
	} else if x == 536 {
		_ = sink(context.TODO())
	} else if x == 537 {
		_ = sink(context.TODO())
	} else if x == 538 {
		_ = sink(context.TODO())
	} else if x == 539 {
		_ = sink(context.TODO())
	} else if x == 540 {
		_ = sink(context.TODO())
	} else if x == 541 {
		_ = sink(context.TODO())
	} else if x == 542 {
		_ = sink(context.TODO())
	} else if x == 543 {
		_ = sink(context.TODO())
	} else if x == 544 {
		_ = sink(context.TODO())
	} else if x == 545 {
		_ = sink(context.TODO())
	} else if x == 546 {
		_ = sink(context.TODO())
	} else if x == 547 {
		_ = sink(context.TODO())
	} else if x == 548 {
		_ = sink(context.TODO())
	} else if x == 549 {
		_ = sink(context.TODO())
	} else if x == 550 {
		_ = sink(context.TODO())
	} else if x == 551 {
		_ = sink(context.TODO())
	} else if x == 552 {
		_ = sink(context.TODO())
	} else if x == 553 {
		_ = sink(context.TODO())
	} else if x == 554 {
		_ = sink(context.TODO())
	} else if x == 555 {
		_ = sink(context.TODO())
	} else if x == 556 {
		_ = sink(context.TODO())
	} else if x == 557 {
		_ = sink(context.TODO())
	} else if x == 558 {
		_ = sink(context.TODO())
	} else if x == 559 {
		_ = sink(context.TODO())
	} else if x == 560 {
		_ = sink(context.TODO())
	} else if x == 561 {
		_ = sink(context.TODO())
	} else if x == 562 {
		_ = sink(context.TODO())
	} else if x == 563 {
		_ = sink(context.TODO())
	} else if x == 564 {
		_ = sink(context.TODO())
	} else if x == 565 {
		_ = sink(context.TODO())
	} else if x == 566 {
		_ = sink(context.TODO())
	} else if x == 567 {
		_ = sink(context.TODO())
	} else if x == 568 {
		_ = sink(context.TODO())
	} else if x == 569 {
		_ = sink(context.TODO())
	} else if x == 570 {
		_ = sink(context.TODO())
	} else if x == 571 {
		_ = sink(context.TODO())
	} else if x == 572 {
		_ = sink(context.TODO())
	} else if x == 573 {
		_ = sink(context.TODO())
	} else if x == 574 {
		_ = sink(context.TODO())
	} else if x == 575 {
		_ = sink(context.TODO())
	} else if x == 576 {
		_ = sink(context.TODO())
	} else if x == 577 {
		_ = sink(context.TODO())
	} else if x == 578 {
		_ = sink(context.TODO())
	} else if x == 579 {
		_ = sink(context.TODO())
	} else if x == 580 {
		_ = sink(context.TODO())
	} else if x == 581 {
		_ = sink(context.TODO())
	} else if x == 582 {
		_ = sink(context.TODO())
	} else if x == 583 {
		_ = sink(context.TODO())
	} else if x == 584 {
		_ = sink(context.TODO())
	} else if x == 585 {
		_ = sink(context.TODO())
	} else if x == 586 {
		_ = sink(context.TODO())
	} else if x == 587 {
		_ = sink(context.TODO())
	} else if x == 588 {
		_ = sink(context.TODO())
	} else if x == 589 {
		_ = sink(context.TODO())
	} else if x == 590 {
		_ = sink(context.TODO())
	} else if x == 591 {
		_ = sink(context.TODO())
	} else if x == 592 {
		_ = sink(context.TODO())
	} else if x == 593 {
		_ = sink(context.TODO())
	} else if x == 594 {
		_ = sink(context.TODO())
	} else if x == 595 {
		_ = sink(context.TODO())
	} else if x == 596 {
		_ = sink(context.TODO())
	} else if x == 597 {
		_ = sink(context.TODO())
	} else if x == 598 {
		_ = sink(context.TODO())
	} else if x == 599 {
		_ = sink(context.TODO())
	} else if x == 600 {
		_ = sink(context.TODO())
	} else if x == 601 {
		_ = sink(context.TODO())
	} else if x == 602 {
		_ = sink(context.TODO())
	} else if x == 603 {
		_ = sink(context.TODO())
	} else if x == 604 {
		_ = sink(context.TODO())
	} else if x == 605 {
		_ = sink(context.TODO())
	} else if x == 606 {
		_ = sink(context.TODO())
	} else if x == 607 {
		_ = sink(context.TODO())
	} else if x == 608 {
		_ = sink(context.TODO())
	} else if x == 609 {
		_ = sink(context.TODO())
	} else if x == 610 {
		_ = sink(context.TODO())
	} else if x == 611 {
		_ = sink(context.TODO())
	} else if x == 612 {
		_ = sink(context.TODO())
	} else if x == 613 {
		_ = sink(context.TODO())
	} else if x == 614 {
		_ = sink(context.TODO())
	} else if x == 615 {
		_ = sink(context.TODO())
	} else if x == 616 {
		_ = sink(context.TODO())
	} else if x == 617 {
		_ = sink(context.TODO())
	} else if x == 618 {
		_ = sink(context.TODO())
	} else if x == 619 {
		_ = sink(context.TODO())
	} else if x == 620 {
		_ = sink(context.TODO())
	} else if x == 621 {
		_ = sink(context.TODO())
	} else if x == 622 {
		_ = sink(context.TODO())
	} else if x == 623 {
		_ = sink(context.TODO())
	} else if x == 624 {
		_ = sink(context.TODO())
	} else if x == 625 {
		_ = sink(context.TODO())
	} else if x == 626 {
		_ = sink(context.TODO())
	} else if x == 627 {
		_ = sink(context.TODO())
	} else if x == 628 {
		_ = sink(context.TODO())
	} else if x == 629 {
		_ = sink(context.TODO())
	} else if x == 630 {
		_ = sink(context.TODO())
	} else if x == 631 {
		_ = sink(context.TODO())
	} else if x == 632 {
		_ = sink(context.TODO())
	} else if x == 633 {
		_ = sink(context.TODO())
	} else if x == 634 {
		_ = sink(context.TODO())
	} else if x == 635 {
		_ = sink(context.TODO())
	} else if x == 636 {
		_ = sink(context.TODO())
	} else if x == 637 {
		_ = sink(context.TODO())
	} else if x == 638 {
		_ = sink(context.TODO())
	} else if x == 639 {
		_ = sink(context.TODO())
	} else if x == 640 {
		_ = sink(context.TODO())
	} else if x == 641 {
		_ = sink(context.TODO())
	} else if x == 642 {
		_ = sink(context.TODO())
	} else if x == 643 {
		_ = sink(context.TODO())
	} else if x == 644 {
		_ = sink(context.TODO())
	} else if x == 645 {
		_ = sink(context.TODO())
	} else if x == 646 {
		_ = sink(context.TODO())
	} else if x == 647 {
		_ = sink(context.TODO())
	} else if x == 648 {
		_ = sink(context.TODO())
	} else if x == 649 {
		_ = sink(context.TODO())
	} else if x == 650 {
		_ = sink(context.TODO())
	} else if x == 651 {
		_ = sink(context.TODO())
	} else if x == 652 {
		_ = sink(context.TODO())
	} else if x == 653 {
		_ = sink(context.TODO())
	} else if x == 654 {
		_ = sink(context.TODO())
	} else if x == 655 {
		_ = sink(context.TODO())
	} else if x == 656 {
		_ = sink(context.TODO())
	} else if x == 657 {
		_ = sink(context.TODO())
	} else if x == 658 {
		_ = sink(context.TODO())
	} else if x == 659 {
		_ = sink(context.TODO())
	} else if x == 660 {
		_ = sink(context.TODO())
	} else if x == 661 {
		_ = sink(context.TODO())
	} else if x == 662 {
		_ = sink(context.TODO())
	} else if x == 663 {
		_ = sink(context.TODO())
	} else if x == 664 {
		_ = sink(context.TODO())
	} else if x == 665 {
		_ = sink(context.TODO())
	} else if x == 666 {
		_ = sink(context.TODO())
	} else if x == 667 {
		_ = sink(context.TODO())
	} else if x == 668 {
		_ = sink(context.TODO())
	} else if x == 669 {
		_ = sink(context.TODO())
	} else if x == 670 {
		_ = sink(context.TODO())
	} else if x == 671 {
		_ = sink(context.TODO())
	} else if x == 672 {
		_ = sink(context.TODO())
	} else if x == 673 {
		_ = sink(context.TODO())
	} else if x == 674 {
		_ = sink(context.TODO())
	} else if x == 675 {
		_ = sink(context.TODO())
	} else if x == 676 {
		_ = sink(context.TODO())
	} else if x == 677 {
		_ = sink(context.TODO())
	} else if x == 678 {
		_ = sink(context.TODO())
	} else if x == 679 {
		_ = sink(context.TODO())
	} else if x == 680 {
		_ = sink(context.TODO())
	} else if x == 681 {
		_ = sink(context.TODO())
	} else if x == 682 {
		_ = sink(context.TODO())
	} else if x == 683 {
		_ = sink(context.TODO())
	} else if x == 684 {
		_ = sink(context.TODO())
	} else if x == 685 {
		_ = sink(context.TODO())
	} else if x == 686 {
		_ = sink(context.TODO())
	} else if x == 687 {
		_ = sink(context.TODO())
	} else if x == 688 {
		_ = sink(context.TODO())
	} else if x == 689 {
		_ = sink(context.TODO())
	} else if x == 690 {
		_ = sink(context.TODO())
	} else if x == 691 {
		_ = sink(context.TODO())
	} else if x == 692 {
		_ = sink(context.TODO())
	} else if x == 693 {
		_ = sink(context.TODO())
	} else if x == 694 {
		_ = sink(context.TODO())
	} else if x == 695 {
		_ = sink(context.TODO())
	} else if x == 696 {
		_ = sink(context.TODO())
	} else if x == 697 {
		_ = sink(context.TODO())
	} else if x == 698 {
		_ = sink(context.TODO())
	} else if x == 699 {
		_ = sink(context.TODO())
	} else if x == 700 {
		_ = sink(context.TODO())
	} else if x == 701 {
		_ = sink(context.TODO())
	} else if x == 702 {
		_ = sink(context.TODO())
	} else if x == 703 {
		_ = sink(context.TODO())
	} else if x == 704 {
		_ = sink(context.TODO())
	} else if x == 705 {
		_ = sink(context.TODO())
	} else if x == 706 {
		_ = sink(context.TODO())
	} else if x == 707 {
		_ = sink(context.TODO())
	} else if x == 708 {
		_ = sink(context.TODO())
	} else if x == 709 {
		_ = sink(context.TODO())
	} else if x == 710 {
		_ = sink(context.TODO())
	} else if x == 711 {
		_ = sink(context.TODO())
	} else if x == 712 {
		_ = sink(context.TODO())
	} else if x == 713 {
		_ = sink(context.TODO())
	} else if x == 714 {
		_ = sink(context.TODO())
	} else if x == 715 {
		_ = sink(context.TODO())
	} else if x == 716 {
		_ = sink(context.TODO())
	} else if x == 717 {
		_ = sink(context.TODO())
	} else if x == 718 {
		_ = sink(context.TODO())
	} else if x == 719 {
		_ = sink(context.TODO())
	} else if x == 720 {
		_ = sink(context.TODO())
	} else if x == 721 {
		_ = sink(context.TODO())
	} else if x == 722 {
		_ = sink(context.TODO())
	} else if x == 723 {
		_ = sink(context.TODO())
	} else if x == 724 {
		_ = sink(context.TODO())
	} else if x == 725 {
		_ = sink(context.TODO())
	} else if x == 726 {
		_ = sink(context.TODO())
	} else if x == 727 {
		_ = sink(context.TODO())
	} else if x == 728 {
		_ = sink(context.TODO())
	} else if x == 729 {
		_ = sink(context.TODO())
	} else if x == 730 {
		_ = sink(context.TODO())
	} else if x == 731 {
		_ = sink(context.TODO())
	} else if x == 732 {
		_ = sink(context.TODO())
	} else if x == 733 {
		_ = sink(context.TODO())
	} else if x == 734 {
		_ = sink(context.TODO())
	} else if x == 735 {
		_ = sink(context.TODO())
	} else if x == 736 {
		_ = sink(context.TODO())
	} else if x == 737 {
		_ = sink(context.TODO())
	} else if x == 738 {
		_ = sink(context.TODO())
	} else if x == 739 {
		_ = sink(context.TODO())
	} else if x == 740 {
		_ = sink(context.TODO())
	} else if x == 741 {
		_ = sink(context.TODO())
	} else if x == 742 {
		_ = sink(context.TODO())
	} else if x == 743 {
		_ = sink(context.TODO())
	} else if x == 744 {
		_ = sink(context.TODO())
	} else if x == 745 {
		_ = sink(context.TODO())
	} else if x == 746 {
		_ = sink(context.TODO())
	} else if x == 747 {
		_ = sink(context.TODO())
	} else if x == 748 {
		_ = sink(context.TODO())
	} else if x == 749 {
		_ = sink(context.TODO())
	} else if x == 750 {
		_ = sink(context.TODO())
	} else if x == 751 {
		_ = sink(context.TODO())
	} else if x == 752 {
		_ = sink(context.TODO())
	} else if x == 753 {
		_ = sink(context.TODO())
	} else if x == 754 {
		_ = sink(context.TODO())
	} else if x == 755 {
		_ = sink(context.TODO())
	} else if x == 756 {
		_ = sink(context.TODO())
	} else if x == 757 {
		_ = sink(context.TODO())
	} else if x == 758 {
		_ = sink(context.TODO())
	} else if x == 759 {
		_ = sink(context.TODO())
	} else if x == 760 {
		_ = sink(context.TODO())
	} else if x == 761 {
		_ = sink(context.TODO())
	} else if x == 762 {
		_ = sink(context.TODO())
	} else if x == 763 {
		_ = sink(context.TODO())
	} else if x == 764 {
		_ = sink(context.TODO())
	} else if x == 765 {
		_ = sink(context.TODO())
	} else if x == 766 {
		_ = sink(context.TODO())
	} else if x == 767 {
		_ = sink(context.TODO())
	} else if x == 768 {
		_ = sink(context.TODO())
	} else if x == 769 {
		_ = sink(context.TODO())
	} else if x == 770 {
		_ = sink(context.TODO())
	} else if x == 771 {
		_ = sink(context.TODO())
	} else if x == 772 {
		_ = sink(context.TODO())
	} else if x == 773 {
		_ = sink(context.TODO())
	} else if x == 774 {
		_ = sink(context.TODO())
	} else if x == 775 {
		_ = sink(context.TODO())
	} else if x == 776 {
		_ = sink(context.TODO())
	} else if x == 777 {
		_ = sink(context.TODO())
	} else if x == 778 {
		_ = sink(context.TODO())
	} else if x == 779 {
		_ = sink(context.TODO())
	} else if x == 780 {
		_ = sink(context.TODO())
	} else if x == 781 {
		_ = sink(context.TODO())
	} else if x == 782 {
		_ = sink(context.TODO())
	} else if x == 783 {
		_ = sink(context.TODO())
	} else if x == 784 {
		_ = sink(context.TODO())
	} else if x == 785 {
		_ = sink(context.TODO())
	} else if x == 786 {
		_ = sink(context.TODO())
	} else if x == 787 {
		_ = sink(context.TODO())
	} else if x == 788 {
		_ = sink(context.TODO())
	} else if x == 789 {
		_ = sink(context.TODO())
	} else if x == 790 {
		_ = sink(context.TODO())
	} else if x == 791 {
		_ = sink(context.TODO())
	} else if x == 792 {
		_ = sink(context.TODO())
	} else if x == 793 {
		_ = sink(context.TODO())
	} else if x == 794 {
		_ = sink(context.TODO())
	} else if x == 795 {
		_ = sink(context.TODO())
	} else if x == 796 {
		_ = sink(context.TODO())
	} else if x == 797 {
		_ = sink(context.TODO())
	} else if x == 798 {
		_ = sink(context.TODO())
	} else if x == 799 {
		_ = sink(context.TODO())
	} else if x == 800 {
		_ = sink(context.TODO())
	} else if x == 801 {
		_ = sink(context.TODO())
	} else if x == 802 {
		_ = sink(context.TODO())
	} else if x == 803 {
		_ = sink(context.TODO())
	} else if x == 804 {
		_ = sink(context.TODO())
	} else if x == 805 {
		_ = sink(context.TODO())
	} else if x == 806 {
		_ = sink(context.TODO())
	} else if x == 807 {
		_ = sink(context.TODO())
	} else if x == 808 {
		_ = sink(context.TODO())
	} else if x == 809 {
		_ = sink(context.TODO())
	} else if x == 810 {
		_ = sink(context.TODO())
	} else if x == 811 {
		_ = sink(context.TODO())
	} else if x == 812 {
		_ = sink(context.TODO())
	} else if x == 813 {
		_ = sink(context.TODO())
	} else if x == 814 {
		_ = sink(context.TODO())
	} else if x == 815 {
		_ = sink(context.TODO())
	} else if x == 816 {
		_ = sink(context.TODO())
	} else if x == 817 {
		_ = sink(context.TODO())
	} else if x == 818 {
		_ = sink(context.TODO())
	} else if x == 819 {
		_ = sink(context.TODO())
	} else if x == 820 {
		_ = sink(context.TODO())
	} else if x == 821 {
		_ = sink(context.TODO())
	} else if x == 822 {
		_ = sink(context.TODO())
	} else if x == 823 {
		_ = sink(context.TODO())
	} else if x == 824 {
		_ = sink(context.TODO())
	} else if x == 825 {
		_ = sink(context.TODO())
	} else if x == 826 {
		_ = sink(context.TODO())
	} else if x == 827 {
		_ = sink(context.TODO())
	} else if x == 828 {
		_ = sink(context.TODO())
	} else if x == 829 {
		_ = sink(context.TODO())
	} else if x == 830 {
		_ = sink(context.TODO())
	} else if x == 831 {
		_ = sink(context.TODO())
	} else if x == 832 {
		_ = sink(context.TODO())
	} else if x == 833 {
		_ = sink(context.TODO())
	} else if x == 834 {
		_ = sink(context.TODO())
	} else if x == 835 {
		_ = sink(context.TODO())
	} else if x == 836 {
		_ = sink(context.TODO())
	} else if x == 837 {
		_ = sink(context.TODO())
	} else if x == 838 {
		_ = sink(context.TODO())
	} else if x == 839 {
		_ = sink(context.TODO())
	} else if x == 840 {
		_ = sink(context.TODO())
	} else if x == 841 {
		_ = sink(context.TODO())
	} else if x == 842 {
		_ = sink(context.TODO())
	} else if x == 843 {
		_ = sink(context.TODO())
	} else if x == 844 {
		_ = sink(context.TODO())
	} else if x == 845 {
		_ = sink(context.TODO())
	} else if x == 846 {
		_ = sink(context.TODO())
	} else if x == 847 {
		_ = sink(context.TODO())
	} else if x == 848 {
		_ = sink(context.TODO())
	} else if x == 849 {
		_ = sink(context.TODO())
	} else if x == 850 {
		_ = sink(context.TODO())
	} else if x == 851 {
		_ = sink(context.TODO())
	} else if x == 852 {
		_ = sink(context.TODO())
	} else if x == 853 {
		_ = sink(context.TODO())
	} else if x == 854 {
		_ = sink(context.TODO())
	} else if x == 855 {
		_ = sink(context.TODO())
	} else if x == 856 {
		_ = sink(context.TODO())
	} else if x == 857 {
		_ = sink(context.TODO())
	} else if x == 858 {
		_ = sink(context.TODO())
	} else if x == 859 {
		_ = sink(context.TODO())
	} else if x == 860 {
		_ = sink(context.TODO())
	} else if x == 861 {
		_ = sink(context.TODO())
	} else if x == 862 {
		_ = sink(context.TODO())
	} else if x == 863 {
		_ = sink(context.TODO())
	} else if x == 864 {
		_ = sink(context.TODO())
	} else if x == 865 {
		_ = sink(context.TODO())
	} else if x == 866 {
		_ = sink(context.TODO())
	} else if x == 867 {
		_ = sink(context.TODO())
	} else if x == 868 {
		_ = sink(context.TODO())
	} else if x == 869 {
		_ = sink(context.TODO())
	} else if x == 870 {
		_ = sink(context.TODO())
	} else if x == 871 {
		_ = sink(context.TODO())
	} else if x == 872 {
		_ = sink(context.TODO())
	} else if x == 873 {
		_ = sink(context.TODO())
	} else if x == 874 {
		_ = sink(context.TODO())
	} else if x == 875 {
		_ = sink(context.TODO())
	} else if x == 876 {
		_ = sink(context.TODO())
	} else if x == 877 {
		_ = sink(context.TODO())
	} else if x == 878 {
		_ = sink(context.TODO())
	} else if x == 879 {
		_ = sink(context.TODO())
	} else if x == 880 {
		_ = sink(context.TODO())
	} else if x == 881 {
		_ = sink(context.TODO())
	} else if x == 882 {
		_ = sink(context.TODO())
	} else if x == 883 {
		_ = sink(context.TODO())
	} else if x == 884 {
		_ = sink(context.TODO())
	} else if x == 885 {
		_ = sink(context.TODO())
	} else if x == 886 {
		_ = sink(context.TODO())
	} else if x == 887 {
		_ = sink(context.TODO())
	} else if x == 888 {
		_ = sink(context.TODO())
	} else if x == 889 {
		_ = sink(context.TODO())
	} else if x == 890 {
		_ = sink(context.TODO())
	} else if x == 891 {
		_ = sink(context.TODO())
	} else if x == 892 {
		_ = sink(context.TODO())
	} else if x == 893 {
		_ = sink(context.TODO())
	} else if x == 894 {
		_ = sink(context.TODO())
	} else if x == 895 {
		_ = sink(context.TODO())
	} else if x == 896 {
		_ = sink(context.TODO())
	} else if x == 897 {
		_ = sink(context.TODO())
	} else if x == 898 {
		_ = sink(context.TODO())
	} else if x == 899 {
		_ = sink(context.TODO())
	} else if x == 900 {
		_ = sink(context.TODO())
	} else if x == 901 {
		_ = sink(context.TODO())
	} else if x == 902 {
		_ = sink(context.TODO())
	} else if x == 903 {
		_ = sink(context.TODO())
	} else if x == 904 {
		_ = sink(context.TODO())
	} else if x == 905 {
		_ = sink(context.TODO())
	} else if x == 906 {
		_ = sink(context.TODO())
	} else if x == 907 {
		_ = sink(context.TODO())
	} else if x == 908 {
		_ = sink(context.TODO())
	} else if x == 909 {
		_ = sink(context.TODO())
	} else if x == 910 {
		_ = sink(context.TODO())
	} else if x == 911 {
		_ = sink(context.TODO())
	} else if x == 912 {
		_ = sink(context.TODO())
	} else if x == 913 {
		_ = sink(context.TODO())
	} else if x == 914 {
		_ = sink(context.TODO())
	} else if x == 915 {
		_ = sink(context.TODO())
	} else if x == 916 {
		_ = sink(context.TODO())
	} else if x == 917 {
		_ = sink(context.TODO())
	} else if x == 918 {
		_ = sink(context.TODO())
	} else if x == 919 {
		_ = sink(context.TODO())
	} else if x == 920 {
		_ = sink(context.TODO())
	} else if x == 921 {
		_ = sink(context.TODO())
	} else if x == 922 {
		_ = sink(context.TODO())
	} else if x == 923 {
		_ = sink(context.TODO())
	} else if x == 924 {
		_ = sink(context.TODO())
	} else if x == 925 {
		_ = sink(context.TODO())
	} else if x == 926 {
		_ = sink(context.TODO())
	} else if x == 927 {
		_ = sink(context.TODO())
	} else if x == 928 {
		_ = sink(context.TODO())
	} else if x == 929 {
		_ = sink(context.TODO())
	} else if x == 930 {
		_ = sink(context.TODO())
	} else if x == 931 {
		_ = sink(context.TODO())
	} else if x == 932 {
		_ = sink(context.TODO())
	} else if x == 933 {
		_ = sink(context.TODO())
	} else if x == 934 {
		_ = sink(context.TODO())
	} else if x == 935 {
		_ = sink(context.TODO())
	} else if x == 936 {
		_ = sink(context.TODO())
	} else if x == 937 {
		_ = sink(context.TODO())
	} else if x == 938 {
		_ = sink(context.TODO())
	} else if x == 939 {
		_ = sink(context.TODO())
	} else if x == 940 {
		_ = sink(context.TODO())
	} else if x == 941 {
		_ = sink(context.TODO())
	} else if x == 942 {
		_ = sink(context.TODO())
	} else if x == 943 {
		_ = sink(context.TODO())
	} else if x == 944 {
		_ = sink(context.TODO())
	} else if x == 945 {
		_ = sink(context.TODO())
	} else if x == 946 {
		_ = sink(context.TODO())
	} else if x == 947 {
		_ = sink(context.TODO())
	} else if x == 948 {
		_ = sink(context.TODO())
	} else if x == 949 {
		_ = sink(context.TODO())
	} else if x == 950 {
		_ = sink(context.TODO())
	} else if x == 951 {
		_ = sink(context.TODO())
	} else if x == 952 {
		_ = sink(context.TODO())
	} else if x == 953 {
		_ = sink(context.TODO())
	} else if x == 954 {
		_ = sink(context.TODO())
	} else if x == 955 {
		_ = sink(context.TODO())
	} else if x == 956 {
		_ = sink(context.TODO())
	} else if x == 957 {
		_ = sink(context.TODO())
	} else if x == 958 {
		_ = sink(context.TODO())
	} else if x == 959 {
		_ = sink(context.TODO())
	} else if x == 960 {
		_ = sink(context.TODO())
	} else if x == 961 {
		_ = sink(context.TODO())
	} else if x == 962 {
		_ = sink(context.TODO())
	} else if x == 963 {
		_ = sink(context.TODO())
	} else if x == 964 {
		_ = sink(context.TODO())
	} else if x == 965 {
		_ = sink(context.TODO())
	} else if x == 966 {
		_ = sink(context.TODO())
	} else if x == 967 {
		_ = sink(context.TODO())
	} else if x == 968 {
		_ = sink(context.TODO())
	} else if x == 969 {
		_ = sink(context.TODO())
	} else if x == 970 {
		_ = sink(context.TODO())
	} else if x == 971 {
		_ = sink(context.TODO())
	} else if x == 972 {
		_ = sink(context.TODO())
	} else if x == 973 {
		_ = sink(context.TODO())
	} else if x == 974 {
		_ = sink(context.TODO())
	} else if x == 975 {
		_ = sink(context.TODO())
	} else if x == 976 {
		_ = sink(context.TODO())
	} else if x == 977 {
		_ = sink(context.TODO())
	} else if x == 978 {
		_ = sink(context.TODO())
	} else if x == 979 {
		_ = sink(context.TODO())
	} else if x == 980 {
		_ = sink(context.TODO())
	} else if x == 981 {
		_ = sink(context.TODO())
	} else if x == 982 {
		_ = sink(context.TODO())
	} else if x == 983 {
		_ = sink(context.TODO())
	} else if x == 984 {
		_ = sink(context.TODO())
	} else if x == 985 {
		_ = sink(context.TODO())
	} else if x == 986 {
		_ = sink(context.TODO())
	} else if x == 987 {
		_ = sink(context.TODO())
	} else if x == 988 {
		_ = sink(context.TODO())
	} else if x == 989 {
		_ = sink(context.TODO())
	} else if x == 990 {
		_ = sink(context.TODO())
	} else if x == 991 {
		_ = sink(context.TODO())
	} else if x == 992 {
		_ = sink(context.TODO())
	} else if x == 993 {
		_ = sink(context.TODO())
	} else if x == 994 {
		_ = sink(context.TODO())
	} else if x == 995 {
		_ = sink(context.TODO())
	} else if x == 996 {
		_ = sink(context.TODO())
	} else if x == 997 {
		_ = sink(context.TODO())
	} else if x == 998 {
		_ = sink(context.TODO())
	} else if x == 999 {
		_ = sink(context.TODO())
	} else if x == 1000 {
		_ = sink(context.TODO())
	}
}

func sink(ctx context.Context) error { return ctx.Err() }
