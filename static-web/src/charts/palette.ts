/** Colours that keep AA contrast on white for text and read apart for colour-blind viewers (Okabe–Ito based). */
export const palette = ['#8a6116', '#1f6fb2', '#b5462c', '#2f7d4f', '#6b4c9a', '#9a6b00', '#5b6770', '#c2185b'];
