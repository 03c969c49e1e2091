import { createElement, type PropsWithChildren } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient, followSession } from './api/query';
import './app.css';

const queryClient = createQueryClient();
followSession(queryClient);

function App({ children }: PropsWithChildren) {
  return createElement(QueryClientProvider, { client: queryClient }, children);
}

export default App;
