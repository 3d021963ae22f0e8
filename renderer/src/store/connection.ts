import { create } from 'zustand';
import { api, type ConnectionStatus } from '../api/client';

interface ConnectionState {
  status: ConnectionStatus;
  reason?: string;
}

export const useConnection = create<ConnectionState>(() => ({ status: 'connecting' }));

api.onStatus((status, reason) => useConnection.setState({ status, reason }));
