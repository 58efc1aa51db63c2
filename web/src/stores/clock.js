import { ref } from 'vue';

// One shared ticking clock so every live counter on screen moves together, once a second.
export const now = ref(Date.now());
setInterval(() => {
  now.value = Date.now();
}, 1000);
